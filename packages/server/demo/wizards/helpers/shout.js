// A helper, not a wizard: saving it reloads every wizard that imports it.
export const shout = (text) => `${text}!`;
