/**
 * `comment` becomes required (at least 2 characters) when `outcome` is one of `outcomes`: a refusal,
 * a return or a question must say why. Spread into a decision form's schema, or put in its `allOf`.
 */
export function commentRequiredWhen<const O extends readonly string[]>(outcomes: O) {
  return {
    if: { properties: { outcome: { enum: outcomes } }, required: ['outcome'] },
    then: { properties: { comment: { type: 'string', minLength: 2 } }, required: ['comment'] },
  } as const;
}
