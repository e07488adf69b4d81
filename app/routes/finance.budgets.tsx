import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FundBudgetsTable } from "~/components/finance/FundBudgetsTable";
import { BackLink, Button, ErrorSummary, Input, NotificationBanner, Select, Table } from "~/components/govuk";
import { budgetFormSchema, budgetYears } from "~/domain/finance/budget-form";
import { financialYearLabel, financialYearOf, LEDGER_KIND_LABEL } from "~/domain/money/ledger";
import { formatPence, penceToInput } from "~/domain/money/money";
import { formatLondonDateTime } from "~/domain/time/london";
import { bringRoundBudgetsIntoLedger, budgetHistory, fundBudget, fundBudgetsByYear, roundsOutOfStep, setFundBudget } from "~/models/finance/budgets.server";
import { listFunds } from "~/models/fund.server";
import { requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { formDataToValues, formFailure, parseForm } from "~/utils/forms";

export const handle = { title: "Budgets" };

const FIELDS = ["fundId", "financialYear", "amount"];

/**
 * Each fund's budget per financial year, with what rounds draw from it and what is committed and
 * paid, all summed from the ledger. `?fund=&year=` fills the form in to change one budget.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["finance", "admin"]);
  const currentYear = financialYearOf(now());
  const url = new URL(request.url);
  const funds = listFunds().map((f) => ({ id: f.id, name: f.name }));
  const fundParam = Number(url.searchParams.get("fund"));
  const fundId = funds.some((f) => f.id === fundParam) ? fundParam : funds[0]?.id;
  const yearParam = Number(url.searchParams.get("year"));
  const year = budgetYears(currentYear).includes(yearParam) ? yearParam : currentYear;
  const saved = url.searchParams.get("saved");
  return json({
    user: { name: user.name },
    currentYear,
    years: budgetYears(currentYear).map((y) => ({ value: String(y), text: financialYearLabel(y) })),
    funds,
    budgets: fundBudgetsByYear(currentYear),
    defaults: { fundId: fundId ? String(fundId) : "", financialYear: String(year), amount: fundId ? penceToInput(fundBudget(fundId, year)) : "" },
    outOfStep: roundsOutOfStep().map((r) => ({ id: r.id, name: r.name, fundName: r.fundName, budgetPence: r.budgetPence })),
    history: budgetHistory(20),
    saved: saved === "budget" || saved === "rounds" ? saved : null,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["finance", "admin"]);
  const formData = await request.formData();
  if (formData.get("intent") === "sync-rounds") {
    bringRoundBudgetsIntoLedger(user.id, now());
    return redirect("/finance/budgets?saved=rounds");
  }
  const parsed = parseForm(budgetFormSchema(financialYearOf(now())), formData);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const result = setFundBudget({ ...parsed.data, amountPence: parsed.data.amount, actorId: user.id }, now());
  if (!result.ok) return json(formFailure({ [result.code === "not_found" ? "fundId" : "amount"]: result.message }, formDataToValues(formData)), { status: 400 });
  return redirect(`/finance/budgets?saved=budget&fund=${parsed.data.fundId}&year=${parsed.data.financialYear}`);
}

export default function Budgets() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const values = failure && "values" in failure ? failure.values : data.defaults;
  const errors = failure && "errors" in failure ? failure.errors : undefined;
  const value = (name: string) => {
    const v = (values as Record<string, string | string[]>)[name];
    return (Array.isArray(v) ? v[0] : v) ?? "";
  };
  return (
    <>
      <BackLink to="/finance">Finance dashboard</BackLink>
      <ErrorSummary errors={errors ? Object.fromEntries(FIELDS.filter((f) => errors[f]).map((f) => [f, errors[f]])) : undefined} />
      {data.saved ? (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">{data.saved === "budget" ? "The budget has been saved in the ledger." : "Round budgets have been recorded in the ledger."}</p>
        </NotificationBanner>
      ) : null}
      <span className="govuk-caption-l">{data.user.name}</span>
      <h1 className="govuk-heading-l">Budgets</h1>
      <p className="govuk-body">
        Each fund has a budget for each financial year (1 April to 31 March), and each round a budget drawn from its fund&apos;s year. Every figure below is the sum of entries in the ledger; a change
        is recorded as a new entry for the difference, never by changing an old one.
      </p>
      <FundBudgetsTable rows={data.budgets} />
      {data.outOfStep.length ? <OutOfStep rounds={data.outOfStep} /> : null}

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m">Set a fund&apos;s budget</h2>
          <Form method="post" noValidate>
            <Select name="fundId" label="Fund" labelClassName="govuk-label--s" error={errors?.fundId} defaultValue={value("fundId")} options={[{ value: "", text: "Choose a fund" }, ...data.funds.map((f) => ({ value: String(f.id), text: f.name }))]} />
            <Select name="financialYear" label="Financial year" labelClassName="govuk-label--s" hint="From 1 April to 31 March" error={errors?.financialYear} defaultValue={value("financialYear")} options={data.years} />
            <Input
              name="amount"
              label="Budget"
              labelClassName="govuk-label--s"
              hint="The whole budget for the year, not the change. The ledger records the difference from the current figure."
              prefix="£"
              widthClass="govuk-input--width-10"
              inputMode="decimal"
              spellCheck={false}
              error={errors?.amount}
              defaultValue={value("amount")}
            />
            <Button>Save budget</Button>
          </Form>
        </div>
      </div>
      {data.history.length ? (
        <Table
          caption="Latest budget entries"
          rows={data.history}
          rowKey={(e) => e.id}
          columns={[
            { header: "Recorded", cell: (e) => formatLondonDateTime(new Date(e.at)) },
            { header: "Entry", cell: (e) => (e.roundName ? `${LEDGER_KIND_LABEL[e.kind]}: ${e.roundName}` : LEDGER_KIND_LABEL[e.kind]) },
            { header: "Fund and year", cell: (e) => `${e.fundName}, ${financialYearLabel(e.financialYear)}` },
            { header: "Note", cell: (e) => e.note ?? "" },
            { header: "Change", numeric: true, cell: (e) => formatPence(e.amountPence) },
          ]}
        />
      ) : null}
    </>
  );
}

function OutOfStep({ rounds }: { rounds: { id: number; name: string; fundName: string; budgetPence: number }[] }) {
  return (
    <div className="govuk-warning-text">
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <div className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">Warning</span>
        <p className="govuk-body govuk-!-font-weight-bold">
          {rounds.length === 1 ? "1 round's budget is" : `${rounds.length} rounds' budgets are`} not yet in the ledger (rounds loaded before anyone had signed in): {rounds.map((r) => `${r.name} (${r.fundName}, ${formatPence(r.budgetPence)})`).join("; ")}.
        </p>
        <Form method="post">
          <Button name="intent" value="sync-rounds" secondary>
            Record round budgets in the ledger
          </Button>
        </Form>
      </div>
    </div>
  );
}
