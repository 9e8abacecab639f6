// A change is saved only when the whole answers object stays valid, so the saved file always loads again.
import { type Answers, AnswersSchema } from '../answers/schema';

/** Null when `next` is valid answers, else the first problem as "<key path>: expected <form>". */
export function answersProblem(next: Answers): string | null {
  const r = AnswersSchema.safeParse(next);
  if (r.success) return null;
  const issue = r.error.issues[0];
  if (!issue) return 'answers: not valid';
  return `${issue.path.join('.') || 'answers'}: expected ${issue.message}`;
}
