/** The latest answer from each public register about an organisation, with the flags it raised. */
import { Table } from "~/components/govuk";
import { CHECK_STATUS_LABELS, describeCheck, REGISTER_NAMES, type RegisterName } from "~/domain/due-diligence/describe";
import type { RegisterLookup } from "~/domain/due-diligence/register-results";
import { formatLondonDateTime } from "~/domain/time/london";
import { RegisterFlags } from "./RegisterFlags";

export type CheckView = { id: number; register: RegisterName; checkedAt: string; status: keyof typeof CHECK_STATUS_LABELS; query: string; result: unknown; flags: string[] };

export function RegisterCheckTable({ checks }: { checks: CheckView[] }) {
  return (
    <Table
      caption="Latest check from each register"
      rows={checks}
      rowKey={(c) => c.id}
      columns={[
        { header: "Register", cell: (c) => REGISTER_NAMES[c.register] },
        { header: "Checked", cell: (c) => formatLondonDateTime(new Date(c.checkedAt)) },
        { header: "Result", cell: (c) => CHECK_STATUS_LABELS[c.status] },
        {
          header: "What it found",
          cell: (c) => (
            <>
              <p className="govuk-body-s govuk-!-margin-bottom-1">{describeCheck(c.register, c.result as RegisterLookup | null, c.query)}</p>
              {c.flags.length > 0 ? <RegisterFlags checked flags={c.flags} /> : null}
            </>
          ),
        },
      ]}
    />
  );
}
