import { Type, type Static } from 'typebox';
import { Cursor, ExtensionNumber, Id, Limit, Page, PersonName, StrictObject } from './primitives';

/** What every signed-in person may see of a colleague: enough to find and call them. */
export const Colleague = StrictObject({ id: Id, name: PersonName, extension: ExtensionNumber });
export type Colleague = Static<typeof Colleague>;

export const ColleagueQuery = StrictObject({
  limit: Type.Optional(Limit),
  before: Type.Optional(Cursor),
  /** Part of a name, or the start of an extension number. */
  search: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
  /** Exactly this extension: whose it is, as a form shows the name of the extension typed. */
  extension: Type.Optional(ExtensionNumber),
});
export type ColleagueQuery = Static<typeof ColleagueQuery>;

export const ColleaguePage = Page(Colleague);
export type ColleaguePage = Static<typeof ColleaguePage>;
