import { describe, expect, it } from 'vitest';
import { draftOf, newMenu, refusedAt, renameMenu } from './receptionist-draft';

const refusal = (field: string) => ({ code: 'invalid_field' as const, message: 'raw', field });

describe('refusedAt', () => {
  it('marks the field named, its parts and what a refusal of the whole covers, nothing else', () => {
    const action = 'menus.0.options.1.action';
    expect(refusedAt(refusal(`body.${action}`), action)).toBe(true);
    expect(refusedAt(refusal(`body.${action}.number`), action)).toBe(true);
    // An opening span refused whole marks both its times.
    expect(refusedAt(refusal('body.hours.mon.0'), 'hours.mon.0.from')).toBe(true);
    expect(refusedAt(refusal(`body.${action}`), 'menus.0.options.10.action')).toBe(false);
    expect(refusedAt(refusal('body.menus.1'), 'menus.10.id')).toBe(false);
    expect(refusedAt(refusal('body'), 'name')).toBe(false);
    expect(refusedAt(null, 'name')).toBe(false);
  });
});

describe('renameMenu', () => {
  const twoMenus = () => {
    const draft = draftOf();
    const closed = { ...newMenu('closed'), fallback: { type: 'menu' as const, number: '', menu: 'main' } };
    return { ...draft, menus: [draft.menus[0]!, closed], closedMenu: 'closed' };
  };

  it('carries the schedule and the keys that named the menu to its new name', () => {
    const renamed = renameMenu(twoMenus(), 0, 'welcome');
    expect(renamed.menus.map((menu) => menu.id)).toEqual(['welcome', 'closed']);
    expect(renamed.menus[1]!.fallback.menu).toBe('welcome');
    expect([renamed.openMenu, renamed.closedMenu, renamed.holidayMenu]).toEqual([
      'welcome',
      'closed',
      'welcome',
    ]);
  });

  it('leaves what names a menu alone while its name is another menu’s', () => {
    // Typing "closed" into the first menu passes through the second's name: neither menu's
    // references may move to the other.
    const clash = renameMenu(twoMenus(), 0, 'closed');
    expect([clash.openMenu, clash.closedMenu]).toEqual(['main', 'closed']);
    const onwards = renameMenu(clash, 0, 'closed-2');
    expect([onwards.openMenu, onwards.closedMenu]).toEqual(['main', 'closed']);
  });
});
