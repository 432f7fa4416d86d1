// The call screen's audio device choice. The renderer enumerates devices itself (it owns
// media); main remembers the choice in the settings file.
import { Type } from 'typebox';
import { PATCH_OPTIONS } from '../../api/primitives';
import { NoRequest, channel, type DomainSpec } from '../channel';
import { AudioDevices } from './settings';

export const audio = {
  requests: {
    devices: channel(NoRequest, AudioDevices),
    chooseDevices: channel(Type.Partial(AudioDevices, PATCH_OPTIONS), AudioDevices),
  },
  events: { devicesChanged: AudioDevices },
} satisfies DomainSpec;
