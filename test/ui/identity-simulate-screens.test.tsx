// The identity and simulate screens over real stage outcomes from the fake iam-denied
// account: the pool and role shown with how they were found, the pool picker, and the
// two-step confirmation (a, then y; default No) that applies the fix and shows the new verdict.
import {mkdtemp, readdir, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {useState} from 'react';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {identityStage} from '../../src/checks/identity/index.js';
import {createSimulateStage} from '../../src/checks/simulate/index.js';
import type {StageContext, StageDefinition, StageOutcome, WalkFacts, WalkInput} from '../../src/checks/stage.js';
import {loadScenario} from '../../src/sandbox/scenarios/index.js';
import {App} from '../../src/ui/App.js';
import {IdentityScreen} from '../../src/ui/screens/IdentityScreen.js';
import {SimulateScreen} from '../../src/ui/screens/SimulateScreen.js';
import type {StageScreenProps} from '../../src/ui/screens/types.js';
import {FakeAws} from '../helpers/fake-ports.js';
import {notesEndpoint, stageContext} from '../helpers/stage-context.js';
import {ARROW_RIGHT, cleanupInk, ENTER, press, pressNoChange, renderInk, waitForText} from '../helpers/ink.js';

let backups: string;
beforeEach(async () => {
  backups = await mkdtemp(path.join(tmpdir(), 'apigw-doctor-ui-backups-'));
});
afterEach(async () => {
  cleanupInk();
  await rm(backups, {recursive: true, force: true});
});

type Screen = (props: StageScreenProps) => React.ReactNode;

/** Stands in for the walk shell: runs the stage action asked for and shows its outcome. */
function Host({screen: StageScreen, stage, fake, facts, first, actions, height = 22}: {screen: Screen; stage: StageDefinition; fake: FakeAws; facts: WalkFacts; first: StageOutcome; actions: string[]; height?: number}) {
  const [outcome, setOutcome] = useState(first);
  const all = {...facts, ...outcome.facts};
  return (
    <StageScreen
      stage={stage}
      outcome={outcome}
      facts={all}
      input={{url: facts.endpoint!.url, method: 'GET', sinceMs: 3_600_000}}
      isActive
      width={80}
      height={height}
      onAction={(name, payload) => {
        actions.push(name);
        void stage.actions![name]!(stageContext(fake.ports(), all), payload).then(setOutcome);
      }}
      onRetryWithInput={() => undefined}
      onOpenEvidence={() => undefined}
      onNext={() => undefined}
    />
  );
}

async function identityOutcome(fake: FakeAws) {
  const endpoint = notesEndpoint();
  const outcome = await identityStage.run(stageContext(fake.ports(), {endpoint}));
  return {facts: {endpoint}, outcome};
}

describe('IdentityScreen', () => {
  it('shows the pool picked, why, and the role with how it was found', async () => {
    const fake = new FakeAws(loadScenario('iam-denied'));
    const {facts, outcome} = await identityOutcome(fake);
    const ui = renderInk(<Host screen={IdentityScreen} stage={identityStage} fake={fake} facts={facts} first={outcome} actions={[]} />);
    const frame = await waitForText(ui, 'Pool    notes_identity_pool');
    expect(frame).toContain('notes_identity_pool is the best match of 2 pools');
    expect(frame).toContain('Role    arn:aws:iam::123456789012:role/Cognito_notesAuth_Role');
    expect(frame).toContain('found by GetIdentityPoolRoles');
    expect(frame).toContain('Others  inventory_identity_pool');
    expect(frame).not.toContain('↻ Pick');
  });

  it('lets the user pick among pools that rank the same, and re-runs with the pick', async () => {
    const scenario = loadScenario('iam-denied');
    const fake = new FakeAws({...scenario, identityPools: scenario.identityPools.map((p) => (p.name === 'notes_identity_pool' ? {...p, name: 'mobile_pool'} : p))});
    const {facts, outcome} = await identityOutcome(fake);
    const actions: string[] = [];
    const ui = renderInk(<Host screen={IdentityScreen} stage={identityStage} fake={fake} facts={facts} first={outcome} actions={actions} />);
    await waitForText(ui, '↻ Pick: mobile_pool');
    expect(ui.lastFrame()).toContain('2 identity pools could be calling this API');
    await press(ui, ENTER);
    const frame = await waitForText(ui, 'You picked mobile_pool.');
    expect(actions).toEqual(['pick-pool']);
    expect(frame).toContain('Role    arn:aws:iam::123456789012:role/Cognito_notesAuth_Role');
  });
});

describe('SimulateScreen', () => {
  async function denied() {
    const fake = new FakeAws(loadScenario('iam-denied'));
    const stage = createSimulateStage({backupDir: () => backups});
    const {facts, outcome: identity} = await identityOutcome(fake);
    const walked = {...facts, ...identity.facts};
    const outcome = await stage.run(stageContext(fake.ports(), walked));
    return {fake, stage, facts: walked, outcome};
  }

  it('shows the verdict, the ARN, how it was answered and the diff; applies only after a then y', async () => {
    const {fake, stage, facts, outcome} = await denied();
    const actions: string[] = [];
    const ui = renderInk(<Host screen={SimulateScreen} stage={stage} fake={fake} facts={facts} first={outcome} actions={actions} height={36} />, {rows: 40});
    let frame = await waitForText(ui, 'Verdict    ✖ denied (no statement allows it)');
    // At 80 columns the ARN wraps under its label instead of losing its path.
    expect(frame).toContain('Simulated  arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/notes/\n           42');
    expect(frame).toContain('Answered   offline evaluation');
    expect(frame).toContain('Decided by nothing matched');
    expect(frame).toContain('+        "execute-api:Invoke"');
    expect(frame).toContain('+        "arn:aws:execute-api:us-east-1:*:a1b2c3d4e5/*"');
    expect(frame).toContain('Press a to apply this fix');

    // y alone does nothing; a asks; Enter (the default) is No.
    await pressNoChange(ui, 'y');
    frame = await press(ui, 'a');
    expect(frame.replace(/\n/g, ' ')).toContain('Write inline policy oneClick_Cognito_notesAuth_Role_1709052834417 of role Cognito_notesAuth_Role? The current document is saved first. [y/N]');
    frame = await press(ui, ENTER);
    expect(frame).toContain('Press a to apply this fix');
    expect(actions).toEqual([]);

    await press(ui, 'a');
    await press(ui, 'y');
    frame = await waitForText(ui, 'Verdict    ✔ invoke allowed');
    expect(actions).toEqual(['apply-fix']);
    const [file] = await readdir(backups);
    expect(frame.replace(/\n {11}/g, '')).toContain(`Backup     ${path.join(backups, file!)}`);
    expect(frame).not.toContain('Press a to apply');
  });

  it('at 80×24 with the help open (the demo), shows the statement the fix adds and keeps the apply prompt in view', async () => {
    const fake = new FakeAws(loadScenario('iam-denied'));
    const endpoint = notesEndpoint();
    // The endpoint stage's own outcome is not what this test is about: hand on its facts.
    const located: StageDefinition = {id: 'endpoint', title: 'Endpoint', explain: 'Finds the API.', run: async () => ({findings: [], facts: {endpoint}})};
    const stages = [located, identityStage, createSimulateStage({backupDir: () => backups})];
    const makeContext = (input: WalkInput, facts: WalkFacts, signal: AbortSignal): StageContext => ({...stageContext(fake.ports(), facts), input, signal});
    const input: WalkInput = {url: endpoint.url, method: 'GET', sinceMs: 3_600_000};
    const app = renderInk(<App stages={stages} input={input} makeContext={makeContext} header={{url: input.url, region: 'us-east-1', account: '123456789012', mode: 'demo'}} helpOpenByDefault />, {columns: 80, rows: 24});
    while (!app.lastFrame().includes('Stage 3 of 3')) {
      await waitForText(app, '→ next');
      await press(app, ARROW_RIGHT);
    }
    const frame = await waitForText(app, 'Verdict    ✖ denied');
    expect(frame).toContain('? Policy simulation');
    // The statement itself, not the first changed lines of the diff ("+    },").
    expect(frame).toContain('+ Allow execute-api:Invoke on arn:aws:execute-api:us-east-1:*:a1b2c3d4e5/*');
    expect(frame).toContain('Press a to apply this fix');
    expect(frame).toContain('q quit');
    expect(frame.split('\n').length).toBeLessThanOrEqual(24);
  });

  it('on a screen too short for the verdict rows still shows the statement and the apply prompt', async () => {
    const {fake, stage, facts, outcome} = await denied();
    const ui = renderInk(<Host screen={SimulateScreen} stage={stage} fake={fake} facts={facts} first={outcome} actions={[]} height={4} />);
    const frame = await waitForText(ui, 'Press a to apply this fix');
    expect(frame.split('\n').slice(0, 4)).toEqual([
      'Verdict    ✖ denied (no statement allows it)',
      '+ Allow execute-api:Invoke on arn:aws:execute-api:us-east-1:*:a1b2c3d4e5/*',
      '',
      'Press a to apply this fix (you confirm before anything is written).',
    ]);
  });

  it('offers no apply key for an allowed verdict', async () => {
    const fake = new FakeAws(loadScenario('healthy'));
    const stage = createSimulateStage({backupDir: () => backups});
    const {facts, outcome: identity} = await identityOutcome(fake);
    const walked = {...facts, ...identity.facts};
    const outcome = await stage.run(stageContext(fake.ports(), walked));
    const actions: string[] = [];
    const ui = renderInk(<Host screen={SimulateScreen} stage={stage} fake={fake} facts={walked} first={outcome} actions={actions} />);
    const frame = await waitForText(ui, 'Verdict    ✔ invoke allowed');
    expect(frame).toContain('Decided by oneClick_Cognito_notesAuth_Role_1709052834417 (inline) statement\n           InvokeNotesApi');
    await pressNoChange(ui, 'a');
    expect(ui.lastFrame()).not.toContain('[y/N]');
    expect(actions).toEqual([]);
  });
});
