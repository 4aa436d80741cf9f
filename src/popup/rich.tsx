import type { ComponentChild } from 'preact';

/** Stands in for the rendered part while the message is made: a private-use character no name or code contains. */
const MARK = '\uE000';

/**
 * A whole translated sentence with one substitution rendered as an element (a name in <strong>, an ID in <code>):
 * the message is made with a marker in that place and split around it, so translators keep the sentence whole and
 * in their word order. `make` receives the marker to pass as that substitution.
 */
export function withPart(make: (mark: string) => string, part: ComponentChild): ComponentChild {
  const [before = '', after = ''] = make(MARK).split(MARK);
  return (
    <>
      {before}
      {part}
      {after}
    </>
  );
}
