import { useTranslation } from 'react-i18next';
import type { Menu, MenuAction, Receptionist } from '../../../../../common/api/receptionists';

/** How an action reads in the tree ("rings extension 101"). */
function useActionText(): (action: MenuAction) => string {
  const { t } = useTranslation();
  return (action) => {
    switch (action.type) {
      case 'extension':
        return t('admin.receptionists.actionExtension', { number: action.number });
      case 'ring-group':
        return t('admin.receptionists.actionRingGroup', { number: action.number });
      case 'voicemail':
        return t('admin.receptionists.actionVoicemail', { number: action.number });
      case 'conference':
        return t('admin.receptionists.actionConference', { number: action.number });
      case 'receptionist':
        return t('admin.receptionists.actionReceptionist', { number: action.number });
      case 'menu':
        return t('admin.receptionists.actionMenu', { menu: action.menu });
      case 'directory':
        return t('admin.receptionists.actionDirectory');
      case 'repeat':
        return t('admin.receptionists.actionRepeat');
      case 'hang-up':
        return t('admin.receptionists.actionHangUp');
      case 'outside':
        return t('admin.receptionists.actionOutside', { number: action.number });
    }
  };
}

/** One menu: its keys and its fallback, each submenu opened beneath the key that leads to it. */
function MenuBranch({ menu, menus, path }: { menu: Menu; menus: Map<string, Menu>; path: string[] }) {
  const { t } = useTranslation();
  const actionText = useActionText();
  const entries: [string, MenuAction][] = [
    ...menu.options.map((option): [string, MenuAction] => [
      t('admin.receptionists.key', { key: option.key }),
      option.action,
    ]),
    [t('admin.receptionists.fallback'), menu.fallback],
  ];
  return (
    <ul role="group">
      {entries.map(([label, action]) => {
        // The server refuses menus that lead round in a circle; the path guards the drawing anyway.
        const sub =
          action.type === 'menu' && !path.includes(action.menu) ? menus.get(action.menu) : undefined;
        return (
          <li role="treeitem" aria-selected={false} key={label}>
            {t('admin.receptionists.treeEntry', { label, action: actionText(action) })}
            {sub && <MenuBranch menu={sub} menus={menus} path={[...path, sub.id]} />}
          </li>
        );
      })}
    </ul>
  );
}

/** The receptionist's menus as a tree: which answers when, and where each key leads. */
export function MenuTree({ receptionist }: { receptionist: Receptionist }) {
  const { t } = useTranslation();
  const menus = new Map(receptionist.menus.map((menu) => [menu.id, menu]));
  const roots = [
    [t('admin.receptionists.whenOpen'), receptionist.openMenu],
    [t('admin.receptionists.whenClosed'), receptionist.closedMenu],
    [t('admin.receptionists.whenHoliday'), receptionist.holidayMenu],
  ] as const;
  return (
    <ul role="tree" aria-label={t('admin.receptionists.menus')} className="menu-tree">
      {roots.map(([when, id]) => (
        <li role="treeitem" aria-selected={false} key={when}>
          {when} — {t('admin.receptionists.menu', { menu: id })}
          {menus.get(id) && <MenuBranch menu={menus.get(id)!} menus={menus} path={[id]} />}
        </li>
      ))}
    </ul>
  );
}
