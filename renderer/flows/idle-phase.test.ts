import { describe, expect, it } from 'vitest';
import { idleSecondsForStep, MORE_TIME_SECONDS } from '../../common/idle-timing';
import { idlePhase } from './idle-phase';

const at = (seconds: number, idleSeconds = 90, bonusSeconds = 0) =>
  idlePhase({ now: seconds * 1000, lastActivity: 0, idleSeconds, warningSeconds: 30, bonusSeconds });

describe('idlePhase', () => {
  it('warns after the idle time, ends after the warning', () => {
    expect(at(89)).toEqual({ warning: false, expired: false, secondsLeft: 31 });
    expect(at(90)).toEqual({ warning: true, expired: false, secondsLeft: 30 });
    expect(at(119.5)).toEqual({ warning: true, expired: false, secondsLeft: 1 });
    expect(at(120)).toEqual({ warning: false, expired: true, secondsLeft: 0 });
  });

  it('a long form step waits longer before warning', () => {
    const idle = idleSecondsForStep(90, 8); // 8 fields: 198 s
    expect(at(150, idle).warning).toBe(false);
    expect(at(198, idle).warning).toBe(true);
    expect(at(228, idle).expired).toBe(true);
  });

  it('"I need more time" adds five minutes, and still warns before the end', () => {
    expect(MORE_TIME_SECONDS).toBe(300);
    expect(at(300, 90, MORE_TIME_SECONDS).warning).toBe(false);
    expect(at(390, 90, MORE_TIME_SECONDS)).toEqual({ warning: true, expired: false, secondsLeft: 30 });
    expect(at(420, 90, MORE_TIME_SECONDS).expired).toBe(true);
  });
});
