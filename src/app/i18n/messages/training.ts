/** UI strings of the training area, English and Simplified Chinese. */
export const training = {
  en: {
  } as Record<string, string>,
  zh: {
  } as Record<string, string>,
};
