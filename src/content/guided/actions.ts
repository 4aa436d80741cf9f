/** Acting on Microsoft's pages the way a person would: typing fires input events, clicks are real clicks. */

export function fill(input: HTMLInputElement, value: string) {
  input.focus();
  // The native setter, so frameworks that track the property (React, knockout) notice the change.
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  if (setter) setter.call(input, value);
  else input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

export function click(el: HTMLElement) {
  el.scrollIntoView?.({ block: 'center' });
  el.click();
}

let highlighted: { el: HTMLElement; outline: string; offset: string } | null = null;

/** Shows the admin which element to use, when the driver will not click it itself. */
export function highlight(el: HTMLElement | null) {
  if (highlighted) {
    highlighted.el.style.outline = highlighted.outline;
    highlighted.el.style.outlineOffset = highlighted.offset;
    highlighted = null;
  }
  if (!el) return;
  highlighted = { el, outline: el.style.outline, offset: el.style.outlineOffset };
  el.style.outline = '3px solid #b7791f';
  el.style.outlineOffset = '3px';
  el.scrollIntoView?.({ block: 'center' });
}
