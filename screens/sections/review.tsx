// The hub's last section: Review & apply. The plan is built from the wizard's answers and the machine under the
// command's --root; applying goes to the `onApply` that the hub's starter provides (ReviewApplyContext).
import { useContext, useMemo } from 'react';
import { buildPlan, planHeading } from '../../src/plan/build';
import { useTerminalSize } from '../hooks/useTerminalSize';
import { REVIEW_HELP, ReviewScreen } from '../review/ReviewScreen';
import { ReviewApplyContext } from '../review/apply-context';
import type { Section, SectionScreenProps } from '../sections';
import { useWizard } from '../state';

function ReviewSectionScreen({ onBack }: SectionScreenProps) {
  const api = useWizard();
  const size = useTerminalSize();
  const onApply = useContext(ReviewApplyContext);
  const root = api.command?.global.root ?? '/';
  const network = api.network ?? null;
  const result = useMemo(
    () => buildPlan(root, api.answers, api.report, new Date(), network),
    [root, api.answers, api.report, network],
  );
  return (
    <ReviewScreen
      result={result}
      heading={planHeading(api.answers, api.report)}
      planOnlyReason={api.planOnlyReason}
      columns={size.columns}
      rows={size.rows}
      isActive={api.inputActive}
      onBack={onBack}
      onHelp={() => api.showHelp(reviewSection.title, REVIEW_HELP)}
      onApply={onApply ?? undefined}
    />
  );
}

export const reviewSection: Section = {
  id: 'review',
  title: 'Review & apply',
  required: false,
  status: (state) => ({
    kind: 'info',
    summary: state.planOnlyReason
      ? 'plan only: files with diffs, commands with risk tags, disks, reboot'
      : 'see every file, command and disk before anything changes, then apply',
  }),
  help: REVIEW_HELP,
  Screen: ReviewSectionScreen,
};
