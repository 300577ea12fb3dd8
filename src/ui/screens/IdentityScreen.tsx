// The identity stage: the pool and the role found, and how; when several identity pools
// rank the same, the candidates to pick from (ink-select-input, via the finding list's extra
// choices), which re-runs the stage with the choice. A clear best match is not offered for
// switching: Enter there must not silently change the pool (--identity-pool does that).
import {Box} from 'ink';
import type {IdentityFacts, PoolCandidate} from '../../checks/identity/facts.js';
import {sanitizeLine} from '../../report/sanitize.js';
import {FindingBrowser} from '../components/FindingBrowser.js';
import {Lines, type Line} from '../components/Lines.js';
import {truncate} from '../text.js';
import type {StageScreenProps} from './types.js';

const foundBy = {'GetIdentityPoolRoles': 'GetIdentityPoolRoles', 'trust-policy': 'trust policies naming the pool'} as const;

export function identityLines(identity: IdentityFacts | undefined, width: number): Line[] {
  if (!identity || identity.authorizationType !== 'AWS_IAM') return [];
  const lines: Line[] = [];
  const row = (label: string, text: string, role?: Line['role']) => lines.push({text: truncate(`${label.padEnd(8)}${sanitizeLine(text)}`, width), role});
  if (identity.pool) row('Pool', `${identity.pool.name} (${identity.pool.id})`);
  if (identity.choiceReason) row('', identity.choiceReason, identity.choice === 'ambiguous' ? 'warning' : 'muted');
  if (identity.authenticatedRole) {
    row('Role', identity.authenticatedRole.arn, 'ok');
    if (identity.rolesFoundBy) row('', `found by ${foundBy[identity.rolesFoundBy]}`, 'muted');
  }
  if (identity.unauthenticatedRoleArn) row('Unauth', identity.unauthenticatedRoleArn, 'muted');
  const others = identity.candidates.filter((c) => c.identityPoolId !== identity.pool?.id);
  if (identity.pool && others.length > 0) row('Others', others.map((c) => c.identityPoolName).join(', '), 'muted');
  return lines;
}

function candidateLabel(candidate: PoolCandidate): string {
  return sanitizeLine(`↻ Pick: ${candidate.identityPoolName} — ${candidate.reasons.join('; ')}`);
}

export function IdentityScreen({outcome, facts, width, height, isActive, onAction, onOpenEvidence}: StageScreenProps) {
  const identity = outcome.facts.identity ?? facts.identity;
  const lines = identityLines(identity, width);
  const choices = identity?.choice === 'ambiguous' ? identity.candidates : [];
  return (
    <Box flexDirection="column">
      {lines.length > 0 ? <Lines lines={lines} /> : null}
      <Box marginTop={lines.length > 0 ? 1 : 0}>
        <FindingBrowser
          findings={outcome.findings}
          width={width}
          height={height - lines.length - (lines.length > 0 ? 1 : 0)}
          isActive={isActive}
          onOpenEvidence={onOpenEvidence}
          extras={choices.map(candidateLabel)}
          onExtra={(index) => {
            const picked = choices[index];
            if (picked) onAction('pick-pool', {identityPoolId: picked.identityPoolId});
          }}
        />
      </Box>
    </Box>
  );
}
