// The stages of the walk, in order. A stage that is not built yet is absent, not a placeholder.
import {endpointStage} from './endpoint/index.js';
import {identityStage} from './identity/index.js';
import {logsStage} from './logs/index.js';
import {simulateStage} from './simulate/index.js';
import type {StageDefinition} from './stage.js';
import {timeoutsStage} from './timeouts/index.js';

export const stages: readonly StageDefinition[] = [endpointStage, identityStage, simulateStage, logsStage, timeoutsStage];
