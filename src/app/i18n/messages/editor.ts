/** UI strings of the editor area, English and Simplified Chinese. */
export const editor = {
  en: {
  } as Record<string, string>,
  zh: {
  } as Record<string, string>,
};
