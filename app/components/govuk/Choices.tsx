/** GOV.UK radios and checkboxes inside a fieldset whose legend asks the question. */
import type { ReactNode } from "react";
import { fieldId } from "./ErrorSummary";
import { HintAndError, describedBy } from "./Field";

type Item = { value: string; text: ReactNode; hint?: ReactNode };

type Props = {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  items: Item[];
  isPageHeading?: boolean;
  small?: boolean;
  legendClassName?: string;
};

function Fieldset({ id, legend, isPageHeading, legendClassName, hint, error, children }: { id: string; legend: ReactNode; isPageHeading?: boolean; legendClassName?: string; hint?: ReactNode; error?: string; children: ReactNode }) {
  const legendCls = `govuk-fieldset__legend ${legendClassName ?? (isPageHeading ? "govuk-fieldset__legend--l" : "govuk-fieldset__legend--m")}`;
  return (
    <div className={`govuk-form-group ${error ? "govuk-form-group--error" : ""}`.trim()}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend className={legendCls}>{isPageHeading ? <h1 className="govuk-fieldset__heading">{legend}</h1> : legend}</legend>
        <HintAndError id={id} hint={hint} error={error} />
        {children}
      </fieldset>
    </div>
  );
}

export function Radios({ name, items, value, small, ...rest }: Props & { value?: string }) {
  const id = fieldId(name);
  return (
    <Fieldset id={id} {...rest}>
      <div className={`govuk-radios ${small ? "govuk-radios--small" : ""}`.trim()} data-module="govuk-radios">
        {items.map((item, i) => {
          const itemId = i === 0 ? id : `${id}-${i + 1}`;
          return (
            <div className="govuk-radios__item" key={item.value}>
              <input className="govuk-radios__input" id={itemId} name={name} type="radio" value={item.value} defaultChecked={value === item.value} aria-describedby={item.hint ? `${itemId}-item-hint` : undefined} />
              <label className="govuk-label govuk-radios__label" htmlFor={itemId}>
                {item.text}
              </label>
              {item.hint ? (
                <div id={`${itemId}-item-hint`} className="govuk-hint govuk-radios__hint">
                  {item.hint}
                </div>
              ) : null}
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}

export function Checkboxes({ name, items, values = [], small, ...rest }: Props & { values?: string[] }) {
  const id = fieldId(name);
  return (
    <Fieldset id={id} {...rest}>
      <div className={`govuk-checkboxes ${small ? "govuk-checkboxes--small" : ""}`.trim()} data-module="govuk-checkboxes">
        {items.map((item, i) => {
          const itemId = i === 0 ? id : `${id}-${i + 1}`;
          return (
            <div className="govuk-checkboxes__item" key={item.value}>
              <input
                className="govuk-checkboxes__input"
                id={itemId}
                name={name}
                type="checkbox"
                value={item.value}
                defaultChecked={values.includes(item.value)}
                aria-describedby={item.hint ? `${itemId}-item-hint` : undefined}
              />
              <label className="govuk-label govuk-checkboxes__label" htmlFor={itemId}>
                {item.text}
              </label>
              {item.hint ? (
                <div id={`${itemId}-item-hint`} className="govuk-hint govuk-checkboxes__hint">
                  {item.hint}
                </div>
              ) : null}
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}

export { Fieldset };
