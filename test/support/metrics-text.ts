/** The value of an unlabelled metric in Prometheus text, or undefined when absent. */
export const gauge = (text: string, name: string): number | undefined => {
  const value = text.match(new RegExp(`^${name} (\\S+)$`, 'm'))?.[1];
  return value === undefined ? undefined : Number(value);
};
