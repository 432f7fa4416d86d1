// The desk phones the office provisions: by vendor, the models an admin picks from, and how many
// keys each can give to colleagues' lines (BLF). A device's `model` holds one of these ids; any
// other model is a phone the office serves no configuration to (set up by hand).
import { Type, type Static } from 'typebox';

export const DeskPhoneVendor = Type.Union([
  Type.Literal('yealink'),
  Type.Literal('poly'),
  Type.Literal('grandstream'),
]);
export type DeskPhoneVendor = Static<typeof DeskPhoneVendor>;

/** Vendors' names as printed on their phones (brand names: the same in every language). */
export const DESK_PHONE_VENDORS: Record<DeskPhoneVendor, string> = {
  yealink: 'Yealink',
  poly: 'Poly',
  grandstream: 'Grandstream',
};

export interface DeskPhoneModel {
  id: string;
  vendor: DeskPhoneVendor;
  /** The name printed on the phone (a brand name: the same in every language). */
  name: string;
  /**
   * Keys that can watch a colleague's line: the programmable line keys after the phone's own
   * line (Yealink, Poly), or the multi-purpose keys (Grandstream GXP16xx).
   */
  blfKeys: number;
}

export const DESK_PHONE_MODELS: readonly DeskPhoneModel[] = [
  { id: 'yealink-t31p', vendor: 'yealink', name: 'Yealink T31P', blfKeys: 1 },
  { id: 'yealink-t33g', vendor: 'yealink', name: 'Yealink T33G', blfKeys: 3 },
  { id: 'yealink-t42s', vendor: 'yealink', name: 'Yealink T42S', blfKeys: 14 },
  { id: 'yealink-t46s', vendor: 'yealink', name: 'Yealink T46S', blfKeys: 26 },
  { id: 'yealink-t48s', vendor: 'yealink', name: 'Yealink T48S', blfKeys: 28 },
  { id: 'yealink-t54w', vendor: 'yealink', name: 'Yealink T54W', blfKeys: 26 },
  { id: 'yealink-t57w', vendor: 'yealink', name: 'Yealink T57W', blfKeys: 28 },
  { id: 'poly-vvx-150', vendor: 'poly', name: 'Poly VVX 150', blfKeys: 1 },
  { id: 'poly-vvx-250', vendor: 'poly', name: 'Poly VVX 250', blfKeys: 3 },
  { id: 'poly-vvx-350', vendor: 'poly', name: 'Poly VVX 350', blfKeys: 5 },
  { id: 'poly-vvx-450', vendor: 'poly', name: 'Poly VVX 450', blfKeys: 11 },
  { id: 'grandstream-gxp1625', vendor: 'grandstream', name: 'Grandstream GXP1625', blfKeys: 0 },
  { id: 'grandstream-gxp1628', vendor: 'grandstream', name: 'Grandstream GXP1628', blfKeys: 8 },
  { id: 'grandstream-gxp1630', vendor: 'grandstream', name: 'Grandstream GXP1630', blfKeys: 8 },
];

/** The most BLF keys any model has: the schema's bound on a BLF list. */
export const MAX_BLF_KEYS = Math.max(...DESK_PHONE_MODELS.map((model) => model.blfKeys));

export function findDeskPhoneModel(id: string): DeskPhoneModel | null {
  return DESK_PHONE_MODELS.find((model) => model.id === id) ?? null;
}
