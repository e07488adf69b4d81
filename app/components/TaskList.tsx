/** GOV.UK task list: each task links to its page and shows its status. */
import { Link } from "@remix-run/react";
import { TASK_STATUS_LABEL, type TaskStatus } from "~/domain/bids/task-list";

export type Task = { id: string; title: string; href?: string; status: TaskStatus };

export function TaskList({ tasks }: { tasks: Task[] }) {
  return (
    <ul className="govuk-task-list">
      {tasks.map((task) => {
        const statusId = `${task.id}-status`;
        const linked = task.href && task.status !== "cannot_start";
        return (
          <li key={task.id} className={`govuk-task-list__item ${linked ? "govuk-task-list__item--with-link" : ""}`.trim()}>
            <div className="govuk-task-list__name-and-hint">
              {linked ? (
                <Link className="govuk-link govuk-task-list__link" to={task.href!} aria-describedby={statusId}>
                  {task.title}
                </Link>
              ) : (
                <div>{task.title}</div>
              )}
            </div>
            <div className="govuk-task-list__status" id={statusId}>
              {task.status === "completed" ? (
                TASK_STATUS_LABEL.completed
              ) : task.status === "cannot_start" ? (
                <span className="govuk-task-list__status--cannot-start-yet">{TASK_STATUS_LABEL.cannot_start}</span>
              ) : (
                <strong className={`govuk-tag ${task.status === "incomplete" ? "govuk-tag--light-blue" : "govuk-tag--blue"}`}>{TASK_STATUS_LABEL[task.status]}</strong>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
