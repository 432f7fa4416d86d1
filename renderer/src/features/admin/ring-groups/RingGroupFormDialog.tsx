import { useState } from 'react';
import type { CallerHears } from '../../../../../common/api/music';
import { useTranslation } from 'react-i18next';
import {
  GroupRingSeconds,
  MemberRingSeconds,
  type RingGroup,
  type RingStrategy,
} from '../../../../../common/api/ring-groups';
import { CheckField, SelectField, TextField } from '../../../ui/Field';
import { numberLimits } from '../../../ui/field-limits';
import { FormDialog, refused } from '../../../ui/FormDialog';
import { CallerHearsSelect } from '../music/CallerHearsSelect';
import { OwnMusicSelect } from '../music/OwnMusicSelect';
import { useAdminApi } from '../admin-api';
import { ExtensionField } from '../ExtensionField';
import { NameField } from '../NameFields';
import type { ResourceFormProps } from '../panel-actions';
import { RouteTargetPicker, useRouteTargets, type Route } from '../numbers/RouteTargetPicker';
import { MemberPicker } from './MemberPicker';
import { STRATEGIES, strategyKey } from './ring-group-keys';

/** Adds a ring group or changes whom it rings, how, and where unanswered calls go. */
export function RingGroupFormDialog({ item: group, onClose }: ResourceFormProps<RingGroup>) {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const [name, setName] = useState(group?.name ?? '');
  const [extension, setExtension] = useState(group?.extension ?? '');
  const [strategy, setStrategy] = useState<RingStrategy>(group?.strategy ?? 'all');
  const [memberSeconds, setMemberSeconds] = useState(String(group?.memberRingSeconds ?? 20));
  const [groupSeconds, setGroupSeconds] = useState(String(group?.groupRingSeconds ?? 60));
  const [skipBusy, setSkipBusy] = useState(group?.skipBusy ?? true);
  const [members, setMembers] = useState(group?.members.map((member) => member.extension) ?? []);
  // No destination chosen: the group's own voicemail.
  const [overflow, setOverflow] = useState<Route | null>(
    group && group.overflowType !== 'voicemail' && group.overflowTarget
      ? { kind: group.overflowType, number: group.overflowTarget }
      : null,
  );
  const [targets] = useRouteTargets();
  const offered = targets.status === 'ready' ? targets.value.items : [];
  const [callerHears, setCallerHears] = useState<CallerHears>(group?.callerHears ?? 'ringing');
  const [musicId, setMusicId] = useState(group?.musicId ?? '');

  const save = () => {
    const body = {
      name: name.trim(),
      ...(extension.trim() && { extension: extension.trim() }),
      strategy,
      memberRingSeconds: Number(memberSeconds),
      groupRingSeconds: Number(groupSeconds),
      skipBusy,
      members,
      overflowType: overflow?.kind ?? ('voicemail' as const),
      overflowTarget: overflow?.number ?? null,
      callerHears,
      musicId: musicId || null,
    };
    return group ? admin.updateRingGroup({ id: group.id, body }) : admin.createRingGroup({ body });
  };

  return (
    <FormDialog
      title={group ? t('admin.common.editNamed', { name: group.name }) : t('admin.ringGroups.add')}
      submitLabel={group ? t('admin.common.save') : t('admin.ringGroups.add')}
      save={save}
      onSaved={onClose}
      onCancel={() => onClose(null)}
    >
      {(error) => (
        <>
          <NameField id="ring-group-name" value={name} error={error} onChange={setName} />
          <ExtensionField
            id="ring-group-extension"
            label={t('admin.ringGroups.extension')}
            value={extension}
            hint={t('admin.ringGroups.extensionHint')}
            invalid={refused(error, 'extension', 'extension_taken')}
            onChange={setExtension}
          />
          <MemberPicker
            colleagues={offered.filter((target) => target.kind === 'extension')}
            saved={group?.members ?? []}
            value={members}
            invalid={refused(error, 'members')}
            onChange={setMembers}
          />
          <SelectField
            id="ring-group-strategy"
            label={t('admin.ringGroups.strategy')}
            value={strategy}
            onChange={setStrategy}
          >
            {STRATEGIES.map((choice) => (
              <option key={choice} value={choice}>
                {t(strategyKey(choice))}
              </option>
            ))}
          </SelectField>
          <TextField
            id="ring-group-member-seconds"
            label={t('admin.ringGroups.memberRingSeconds')}
            type="number"
            required
            {...numberLimits(MemberRingSeconds)}
            value={memberSeconds}
            invalid={refused(error, 'memberRingSeconds')}
            onChange={setMemberSeconds}
          />
          <TextField
            id="ring-group-group-seconds"
            label={t('admin.ringGroups.groupRingSeconds')}
            type="number"
            required
            {...numberLimits(GroupRingSeconds)}
            value={groupSeconds}
            invalid={refused(error, 'groupRingSeconds')}
            onChange={setGroupSeconds}
          />
          <CheckField label={t('admin.ringGroups.skipBusy')} checked={skipBusy} onChange={setSkipBusy} />
          <RouteTargetPicker
            id="ring-group-overflow"
            label={t('admin.ringGroups.overflow')}
            targets={offered}
            // Not to itself: a call nobody answered would ring the same members again. A box is
            // the group's own (the empty choice): overflow to another's box is not offered.
            exclude={(target) =>
              target.kind === 'voicemail' ||
              (target.kind === 'ring-group' && target.number === group?.extension)
            }
            emptyLabel={t('admin.ringGroups.overflowVoicemail')}
            value={overflow}
            invalid={refused(error, 'overflowTarget')}
            onChange={setOverflow}
          />
          <CallerHearsSelect id="ring-group-caller-hears" value={callerHears} onChange={setCallerHears} />
          <OwnMusicSelect
            id="ring-group-music"
            value={musicId}
            invalid={refused(error, 'musicId')}
            onChange={setMusicId}
          />
        </>
      )}
    </FormDialog>
  );
}
