import type { ReactNode } from 'react';
import { useT } from '@/components';
import { ActionStatus, type ActionState } from './ActionStatus';

export type ProposalFormProps = {
  readonly title: string;
  /** The form was submitted (the page does not reload); `fields` are its named inputs. */
  readonly onSubmit: (fields: FormData) => void;
  /** The writes the form starts, each with its state shown under the button. */
  readonly actions: readonly ActionState[];
  readonly disabled?: boolean;
  /** Shown between the button and the actions' states (e.g. why the input was refused). */
  readonly notice?: ReactNode;
  readonly children: ReactNode;
};

/** One Trust Store proposal: its title (h3), its fields, the Propose button and the state of its writes. */
export function ProposalForm({ title, onSubmit, actions, disabled, notice, children }: ProposalFormProps) {
  const t = useT();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(new FormData(e.currentTarget));
      }}
    >
      <h3>{title}</h3>
      {children}
      <button type="submit" disabled={disabled}>
        {t('governance.propose')}
      </button>
      {notice}
      {actions.map((action, index) => (
        <ActionStatus key={index} action={action} />
      ))}
    </form>
  );
}
