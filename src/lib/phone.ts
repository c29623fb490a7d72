/**
 * Phones and other small touch screens: one long column, a slow CPU, no Monaco. The lab
 * editor shows them read-only code (`usePhone`), and deferred panels render on them only when
 * scrolled to (`InView`).
 */
export const PHONE_QUERY = '(max-width: 600px), (pointer: coarse) and (hover: none)';
