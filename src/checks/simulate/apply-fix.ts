// Applies the proposed policy fix, after the user confirmed the exact diff on screen:
// re-read the policy (refuse if it changed since the diff was shown, and simulate again so
// the screen shows the new diff), save the current document locally, PutRolePolicy, then
// simulate again so the screen shows the new verdict.
import {mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {isAwsError} from '../../aws/errors.js';
import {sanitizeForTerminal, sanitizeLine} from '../../report/sanitize.js';
import type {Finding} from '../findings.js';
import type {StageContext, StageOutcome, StageRunner} from '../stage.js';
import type {ProposedPolicyFix} from './facts.js';
import {samePolicyText} from './policy-document.js';

export interface ApplyOptions {
  /** Where backups go (.apigw-doctor/backups under the working directory by default). */
  readonly backupDir: string;
  readonly resimulate: StageRunner;
}

function isProposal(value: unknown): value is ProposedPolicyFix {
  const v = value as Partial<ProposedPolicyFix> | undefined;
  return typeof v?.roleName === 'string' && typeof v.policyName === 'string' && typeof v.newDocument === 'string' && typeof v.diff === 'string';
}

/** `payload` is the proposal the screen showed; without one, the walk's simulate facts hold it. */
export async function applyPolicyFix(ctx: StageContext, payload: unknown, options: ApplyOptions): Promise<StageOutcome> {
  const proposal = isProposal(payload) ? payload : ctx.facts.simulate?.proposedFix;
  if (!proposal) {
    return {findings: [], facts: {}, skippedReason: 'There is no policy fix to apply: the last simulation did not propose one.'};
  }
  const {roleName, policyName} = proposal;
  const o = {signal: ctx.signal};
  const current = await ctx.aws.iam.getRolePolicy(roleName, policyName, o).catch((error: unknown) => {
    if (isAwsError(error, 'NotFound')) return undefined;
    throw error;
  });
  if (!samePolicyText(current, proposal.oldDocument)) {
    const fresh = await options.resimulate(ctx);
    return {...fresh, findings: [refused(proposal, fresh.facts.simulate?.proposedFix), ...fresh.findings]};
  }

  const backupPath = current === undefined ? undefined : await backUp(options.backupDir, roleName, policyName, current, ctx.now());
  await ctx.aws.iam.putRolePolicy(roleName, policyName, proposal.newDocument, o);
  const after = await options.resimulate(ctx);
  const appliedFix = {roleName, policyName, ...(backupPath ? {backupPath} : {})};
  return {
    ...after,
    findings: [applied(proposal, backupPath), ...after.findings],
    facts: after.facts.simulate ? {...after.facts, simulate: {...after.facts.simulate, appliedFix}} : after.facts,
  };
}

async function backUp(dir: string, roleName: string, policyName: string, document: string, now: number): Promise<string> {
  await mkdir(dir, {recursive: true});
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const file = path.join(dir, `${safe(roleName)}-${safe(policyName)}-${stamp}.json`);
  // 'wx': never overwrite an earlier backup.
  await writeFile(file, document, {encoding: 'utf8', flag: 'wx'});
  return file;
}

/** IAM names are [\w+=,.@-]; keep file names to that too. */
function safe(name: string): string {
  return name.replace(/[^\w+=,.@-]/g, '_');
}

function refused(proposal: ProposedPolicyFix, fresh: ProposedPolicyFix | undefined): Finding {
  return {
    id: 'policy-changed-since-shown',
    stage: 'simulate',
    severity: 'warning',
    title: `Policy ${sanitizeLine(proposal.policyName)} changed since the diff was shown; nothing was written`,
    detail: fresh
      ? 'Someone changed the inline policy after apigw-doctor read it. The simulation ran again: review the new diff and confirm again to apply it.'
      : 'Someone changed the inline policy after apigw-doctor read it. The simulation ran again and proposes no change now.',
    evidence: fresh ? [{kind: 'diff', label: `New proposed change to ${sanitizeLine(fresh.policyName)}`, text: sanitizeForTerminal(fresh.diff)}] : [],
  };
}

function applied(proposal: ProposedPolicyFix, backupPath: string | undefined): Finding {
  return {
    id: 'policy-fix-applied',
    stage: 'simulate',
    severity: 'ok',
    title: `Wrote inline policy ${sanitizeLine(proposal.policyName)} of role ${sanitizeLine(proposal.roleName)}`,
    detail: backupPath
      ? `The previous document was saved to ${sanitizeLine(backupPath)}; to undo, put it back with aws iam put-role-policy.`
      : 'This is a new inline policy, so there was no previous document to save; to undo, delete it with aws iam delete-role-policy.',
    evidence: [
      ...(backupPath ? [{kind: 'text' as const, label: 'Backup of the previous document', text: sanitizeLine(backupPath)}] : []),
      {kind: 'diff', label: 'Change applied', text: sanitizeForTerminal(proposal.diff)},
    ],
  };
}
