/**
 * Eligible / Not eligible, with the reason revealed under "Not eligible" (GOV.UK conditional
 * reveal). Without JavaScript the reason box simply shows, since govuk-frontend hides it only when
 * its script runs; the server requires the reason either way.
 */
import { Form } from "@remix-run/react";
import type { FormEvent } from "react";
import { Button, fieldId } from "~/components/govuk";
import type { FieldErrors } from "~/utils/forms";

type Props = {
  errors?: FieldErrors;
  eligibility?: string;
  reason?: string;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
};

export function EligibilityForm({ errors, eligibility, reason, onSubmit }: Props) {
  const id = fieldId("eligibility");
  const reasonId = fieldId("reason");
  const conditionalId = "conditional-not-eligible";
  return (
    <Form method="post" noValidate onSubmit={onSubmit}>
      <div className={`govuk-form-group ${errors?.eligibility ? "govuk-form-group--error" : ""}`.trim()}>
        <fieldset className="govuk-fieldset" aria-describedby={errors?.eligibility ? `${id}-error` : undefined}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Is this bid eligible?</legend>
          {errors?.eligibility ? (
            <p id={`${id}-error`} className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {errors.eligibility}
            </p>
          ) : null}
          <div className="govuk-radios" data-module="govuk-radios">
            <div className="govuk-radios__item">
              <input className="govuk-radios__input" id={id} name="eligibility" type="radio" value="eligible" defaultChecked={eligibility === "eligible"} />
              <label className="govuk-label govuk-radios__label" htmlFor={id}>
                Eligible
              </label>
            </div>
            <div className="govuk-radios__item">
              <input
                className="govuk-radios__input"
                id={`${id}-2`}
                name="eligibility"
                type="radio"
                value="not_eligible"
                defaultChecked={eligibility === "not_eligible"}
                data-aria-controls={conditionalId}
              />
              <label className="govuk-label govuk-radios__label" htmlFor={`${id}-2`}>
                Not eligible
              </label>
            </div>
            <div className={`govuk-radios__conditional ${eligibility === "not_eligible" ? "" : "govuk-radios__conditional--hidden"}`.trim()} id={conditionalId}>
              <div className={`govuk-form-group ${errors?.reason ? "govuk-form-group--error" : ""}`.trim()}>
                <label className="govuk-label" htmlFor={reasonId}>
                  Why is it not eligible?
                </label>
                <div id={`${reasonId}-hint`} className="govuk-hint">
                  The applicant will be given this reason as feedback. Only needed if the bid is not eligible.
                </div>
                {errors?.reason ? (
                  <p id={`${reasonId}-error`} className="govuk-error-message">
                    <span className="govuk-visually-hidden">Error:</span> {errors.reason}
                  </p>
                ) : null}
                <textarea
                  className={`govuk-textarea ${errors?.reason ? "govuk-textarea--error" : ""}`.trim()}
                  id={reasonId}
                  name="reason"
                  rows={4}
                  defaultValue={reason}
                  aria-describedby={[`${reasonId}-hint`, errors?.reason ? `${reasonId}-error` : null].filter(Boolean).join(" ")}
                />
              </div>
            </div>
          </div>
        </fieldset>
      </div>
      <Button>Save eligibility</Button>
    </Form>
  );
}
