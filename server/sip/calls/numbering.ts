/** The office's extension numbers: 2 to 8 digits (what INVITEs and transfers may dial). */
export const isExtension = (dialled: string): boolean => /^[0-9]{2,8}$/.test(dialled);
