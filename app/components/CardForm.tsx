import type { ReactNode } from 'react';

export type CardFormProps = {
  /** The id of the heading, which names the form for assistive technology. */
  readonly titleId: string;
  readonly title: ReactNode;
  /** The form was submitted (the page does not reload); `fields` are its named inputs. */
  readonly onSubmit: (fields: FormData) => void;
  readonly children: ReactNode;
};

/** An action form in its own card, named by its heading (h2): the shape of the pages' action forms. */
export function CardForm({ titleId, title, onSubmit, children }: CardFormProps) {
  return (
    <form
      className="card"
      aria-labelledby={titleId}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(new FormData(e.currentTarget));
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
    </form>
  );
}
