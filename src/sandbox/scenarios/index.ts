// The eight presets by name. Each preset is built from the shared base account at a moment
// in time ("now"), because log events sit at fixed distances before it.
import {scenarioNames, type Scenario, type ScenarioName} from '../scenario.js';
import {healthy} from './healthy.js';
import {iamDenied} from './iam-denied.js';
import {lambdaError} from './lambda-error.js';
import {lambdaTimeout} from './lambda-timeout.js';
import {loggingOff} from './logging-off.js';
import {wrongPath} from './wrong-path.js';
import {wrongRegion} from './wrong-region.js';
import {wrongStage} from './wrong-stage.js';

const builders: Record<ScenarioName, (now: number) => Scenario> = {
  healthy,
  'wrong-stage': wrongStage,
  'wrong-path': wrongPath,
  'wrong-region': wrongRegion,
  'iam-denied': iamDenied,
  'lambda-error': lambdaError,
  'lambda-timeout': lambdaTimeout,
  'logging-off': loggingOff,
};

const importedAt = Date.now();

/** Every preset, built when this module was imported. Use loadScenario for fresh log times. */
export const scenarios: Record<ScenarioName, Scenario> = Object.fromEntries(scenarioNames.map((name) => [name, builders[name](importedAt)])) as Record<ScenarioName, Scenario>;

export function isScenarioName(name: string): name is ScenarioName {
  return (scenarioNames as readonly string[]).includes(name);
}

/**
 * The preset called `name`, built at `now` (default: this moment) so ISO times inside log
 * messages agree with the event timestamps the loader derives from `agoMs`.
 */
export function loadScenario(name: string, now: number = Date.now()): Scenario {
  if (!isScenarioName(name)) throw new Error(`Unknown scenario "${name}". Valid scenarios: ${scenarioNames.join(', ')}`);
  return builders[name](now);
}
