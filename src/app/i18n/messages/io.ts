/** UI strings of the io area, English and Simplified Chinese. */
export const io = {
  en: {
  } as Record<string, string>,
  zh: {
  } as Record<string, string>,
};
