// The console's sections, grouped as the office systems' three tabs (UI.md): Usage,
// Configuration, Account.
import type { ReactElement } from 'react';
import type { Role } from '../../../../common/api/primitives';
import { CompanyPanel } from './company/CompanyPanel';
import { DevicesPanel } from './devices/DevicesPanel';
import { UserGroupsPanel } from './groups/UserGroupsPanel';
import { AuditLogPanel } from './logs/AuditLogPanel';
import { CallLogPanel } from './logs/CallLogPanel';
import { OutboxPanel } from './logs/OutboxPanel';
import { NumberingPlanPanel } from './numbering/NumberingPlanPanel';
import { NumbersPanel } from './numbers/NumbersPanel';
import { RingGroupsPanel } from './ring-groups/RingGroupsPanel';
import { MusicPanel } from './music/MusicPanel';
import { ReceptionistsPanel } from './receptionists/ReceptionistsPanel';
import { ConferencesPanel } from './conferences/ConferencesPanel';
import { EmailTemplatesPanel } from './templates/EmailTemplatesPanel';
import { SettingsTemplatesPanel } from './templates/SettingsTemplatesPanel';
import { UsersPanel } from './users/UsersPanel';
import { TrunksPanel } from './trunks/TrunksPanel';

export interface PanelProps {
  /** The signed-in administrator: what the office lets them manage decides what is offered. */
  actor: { id: string; role: Role };
}

export interface Section {
  id: string;
  /** i18n key of the section's name. */
  label: string;
  Panel: (props: PanelProps) => ReactElement;
  /** Offered to super admins only: the office refuses the section's routes to anyone else. */
  superAdminOnly?: boolean;
}

/** The section the console opens on: the office's people. */
export const FIRST_SECTION = 'users';

export interface SectionGroup {
  label: string;
  sections: Section[];
}

export const SECTION_GROUPS: SectionGroup[] = [
  {
    label: 'admin.tabs.usage',
    sections: [{ id: 'call-log', label: 'admin.sections.callLog', Panel: CallLogPanel }],
  },
  {
    label: 'admin.tabs.configuration',
    sections: [
      { id: 'users', label: 'admin.sections.users', Panel: UsersPanel },
      { id: 'devices', label: 'admin.sections.devices', Panel: DevicesPanel },
      { id: 'numbers', label: 'admin.sections.numbers', Panel: NumbersPanel },
      { id: 'receptionists', label: 'admin.sections.receptionists', Panel: ReceptionistsPanel },
      { id: 'ring-groups', label: 'admin.sections.ringGroups', Panel: RingGroupsPanel },
      { id: 'numbering', label: 'admin.sections.numbering', Panel: NumberingPlanPanel },
      { id: 'music', label: 'admin.sections.music', Panel: MusicPanel },
      { id: 'conferences', label: 'admin.sections.conferences', Panel: ConferencesPanel },
    ],
  },
  {
    label: 'admin.tabs.account',
    sections: [
      { id: 'company', label: 'admin.sections.company', Panel: CompanyPanel },
      { id: 'trunks', label: 'admin.sections.trunks', Panel: TrunksPanel, superAdminOnly: true },
      { id: 'groups', label: 'admin.sections.groups', Panel: UserGroupsPanel },
      { id: 'settings-templates', label: 'admin.sections.settingsTemplates', Panel: SettingsTemplatesPanel },
      { id: 'email-templates', label: 'admin.sections.emailTemplates', Panel: EmailTemplatesPanel },
      { id: 'audit-log', label: 'admin.sections.auditLog', Panel: AuditLogPanel },
      { id: 'outbox', label: 'admin.sections.outbox', Panel: OutboxPanel },
    ],
  },
];

/** The sections offered to an administrator of this role, in their groups. */
export const sectionGroupsFor = (role: Role): SectionGroup[] =>
  SECTION_GROUPS.map((group) => ({
    ...group,
    sections: group.sections.filter((section) => !section.superAdminOnly || role === 'superadmin'),
  }));
