// The screen for any stage without a dedicated one: its findings, worst first.
import {FindingBrowser} from '../components/FindingBrowser.js';
import type {StageScreenProps} from './types.js';

export function FindingsScreen({outcome, width, height, isActive, onOpenEvidence}: StageScreenProps) {
  return <FindingBrowser findings={outcome.findings} width={width} height={height} isActive={isActive} onOpenEvidence={onOpenEvidence} />;
}
