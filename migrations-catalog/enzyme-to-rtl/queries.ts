/** Enzyme selectors and events that map 1:1 onto Testing Library queries and fireEvent. */

export type Query = { by: 'Role'; arg: string } | { by: 'TestId'; arg: string };

const TAG_ROLES: Record<string, string> = {
  button: 'button',
  a: 'link',
  h1: 'heading',
  h2: 'heading',
  h3: 'heading',
  h4: 'heading',
  h5: 'heading',
  h6: 'heading',
  li: 'listitem',
  ul: 'list',
  ol: 'list',
  textarea: 'textbox',
  select: 'combobox',
  img: 'img',
  table: 'table',
  tr: 'row',
  nav: 'navigation',
  input: 'textbox',
  'input[type="text"]': 'textbox',
  'input[type="checkbox"]': 'checkbox',
  'input[type="radio"]': 'radio',
};

/** A query for an enzyme string selector, or undefined when only a human can pick one (classes, ids…). */
export function queryFor(selector: string): Query | undefined {
  const normalized = selector.trim().replace(/'/g, '"');
  const testId = /^\[data-testid="([^"]+)"\]$/.exec(normalized);
  if (testId) return { by: 'TestId', arg: testId[1]! };
  const role = Object.hasOwn(TAG_ROLES, normalized) ? TAG_ROLES[normalized] : undefined;
  return role ? { by: 'Role', arg: role } : undefined;
}

/** enzyme simulate('x') event name → fireEvent method. */
export const EVENTS: Record<string, string> = {
  click: 'click',
  change: 'change',
  submit: 'submit',
  focus: 'focus',
  blur: 'blur',
  keydown: 'keyDown',
  keyDown: 'keyDown',
  keyup: 'keyUp',
  keyUp: 'keyUp',
  keypress: 'keyPress',
  mouseenter: 'mouseEnter',
  mouseEnter: 'mouseEnter',
  mouseleave: 'mouseLeave',
  mouseLeave: 'mouseLeave',
  input: 'input',
};
