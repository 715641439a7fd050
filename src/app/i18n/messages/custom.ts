/** UI strings of the custom area, English and Simplified Chinese. */
export const custom = {
  en: {
  } as Record<string, string>,
  zh: {
  } as Record<string, string>,
};
