// The row list of a maintenance policy (snapshots, backups): an Enabled row that enter or space flips, then
// the policy's own rows, which enter opens for editing.
import { Choice, type ChoiceOption } from '../../components/Choice';

export function PolicyRows<R extends string>({
  what,
  enabled,
  rows,
  initial,
  isActive,
  onChosen,
  onSetEnabled,
  onEdit,
  onBack,
}: {
  /** What the policy turns on, for the Enabled row's note: "backups", "snapshots". */
  what: string;
  enabled: boolean;
  rows: ChoiceOption<R>[];
  initial: R | 'enabled';
  isActive: boolean;
  /** The row enter was pressed on, so the list opens on it again. */
  onChosen(row: R | 'enabled'): void;
  onSetEnabled(enabled: boolean): void;
  onEdit(row: R): void;
  onBack(): void;
}) {
  return (
    <Choice<R | 'enabled'>
      key="rows"
      options={[
        {
          value: 'enabled',
          label: 'Enabled',
          detail: enabled ? 'yes' : 'no',
          note: `enter or space turns ${what} on or off`,
        },
        ...rows,
      ]}
      initial={initial}
      isActive={isActive}
      onChoose={(row) => {
        onChosen(row);
        if (row === 'enabled') onSetEnabled(!enabled);
        else onEdit(row);
      }}
      onToggle={(row) => row === 'enabled' && onSetEnabled(!enabled)}
      onCancel={onBack}
    />
  );
}
