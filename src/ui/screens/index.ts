// Which screen shows which stage. A stage without an entry gets the generic FindingsScreen;
// add a dedicated screen here (it receives StageScreenProps).
import type {ComponentType} from 'react';
import type {StageId} from '../../checks/findings.js';
import {EndpointScreen} from './EndpointScreen.js';
import {FindingsScreen} from './FindingsScreen.js';
import {IdentityScreen} from './IdentityScreen.js';
import {LogsScreen} from './LogsScreen.js';
import {SimulateScreen} from './SimulateScreen.js';
import {TimeoutsScreen} from './TimeoutsScreen.js';
import type {StageScreenProps} from './types.js';

export type StageScreen = ComponentType<StageScreenProps>;
export type StageScreens = Readonly<Partial<Record<StageId, StageScreen>>>;

export const stageScreens: StageScreens = {
  endpoint: EndpointScreen,
  identity: IdentityScreen,
  simulate: SimulateScreen,
  logs: LogsScreen,
  timeouts: TimeoutsScreen,
};

export function screenFor(stage: StageId, screens: StageScreens = stageScreens): StageScreen {
  return screens[stage] ?? FindingsScreen;
}

export type {StageScreenProps} from './types.js';
