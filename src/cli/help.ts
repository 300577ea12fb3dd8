export const helpText = `
  Walks a failing Amazon API Gateway → AWS Lambda request stage by stage against what
  is really deployed, and says what is wrong and how to fix it.

  Usage
    $ apigw-doctor [URL] [options]
    $ apigw-doctor --demo [SCENARIO]          walk a built-in broken stack (no AWS account)
    $ apigw-doctor sandbox [--port N] [--scenario NAME] [--latency MS]

  Options
    --method, -X      HTTP method of the failing request (default GET)
    --profile         AWS profile to use (the SDK's default chain otherwise)
    --region          region for URLs that do not name one (custom domains)
    --identity-pool   Cognito identity pool id whose role calls the API
    --since           how far back to read logs: 30m, 1h (default), 6h, 2d
    --json            no screens: run every stage, print one JSON report
                      (schema/report.schema.json)
    --report FILE.md  also write a Markdown report for a ticket (after the walk)
    --force           let --report overwrite FILE.md if it exists
    --demo            use the embedded sandbox instead of AWS; SCENARIO is one of
                      healthy, wrong-stage, wrong-path, wrong-region, iam-denied,
                      lambda-error, lambda-timeout, logging-off (default lambda-error)
    --help, --version

  Sandbox options
    --port            port to listen on (default 4566; 0 picks a free one)
    --scenario        scenario to serve (default healthy)
    --latency         milliseconds added to every AWS call

  Without a terminal (a pipe, a redirect, CI set) there are no screens: every stage
  runs and a plain-text summary is printed (JSON with --json); nothing waits for keys.
  Exit status: 0 healthy, 1 problems found, 2 usage, credentials or network error.

  Examples
    First look at a failing URL:
      $ apigw-doctor https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/notes/1 --profile dev
    The same, for a POST, over the last 6 hours, with a report to paste into the incident:
      $ apigw-doctor URL -X POST --since 6h --report incident.md
    A runbook step in CI (the exit status says healthy or not):
      $ apigw-doctor https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/notes --json > report.json
    The demo, and the AWS stand-in alone (for the AWS CLI or your own code):
      $ apigw-doctor --demo iam-denied
      $ apigw-doctor sandbox --scenario lambda-error
`;
