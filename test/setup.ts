// Ink reads `is-in-ci` once at import: with CI set it stops redrawing frames and appends a
// blank frame on unmount, which breaks ink-testing-library assertions (shared/ink-notes.md §2.5).
// Tests that need to know they run under CI read APIGW_DOCTOR_UNDER_CI instead.
if (process.env.CI !== undefined) process.env.APIGW_DOCTOR_UNDER_CI = process.env.CI;
delete process.env.CI;
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
