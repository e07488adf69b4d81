/**
 * The sign-out warning (HMRC's and GOV.UK's "service timeout" pattern): five minutes before the
 * session ends, a modal dialog says so and offers "Stay signed in" or "Sign out"; when time runs out
 * it says the person was signed out and that what they typed is kept. JavaScript only: without it
 * the server still ends the session, and kept answers (utils/kept-answers.server.ts) lose nothing.
 *
 * The browser never decides on its own: before warning it asks the server (/session/status, which
 * does not count as activity) how long is really left, since work in another tab keeps the session
 * going; the answer is a duration on the server's clock, so a wrong clock here does not matter.
 */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type SyntheticEvent } from "react";
import { useLocation } from "@remix-run/react";
import { announcementText, countdownText, RECHECK_EVERY_MS, WARNING_BEFORE_MS, type SessionEndReason, type SessionTiming } from "~/domain/accounts/session-timeout";

type Phase = "waiting" | "warning" | "acknowledged" | "signed-out" | "closed";
type Status = SessionTiming | "signed-out" | "unreachable";

async function askServer(url: string, init: RequestInit): Promise<Status> {
  try {
    const response = await fetch(url, { credentials: "same-origin", redirect: "manual", headers: { Accept: "application/json" }, ...init });
    // A guard's redirect to sign in comes back opaque (redirect: "manual").
    if (response.type === "opaqueredirect" || response.status === 401 || response.status === 403) return "signed-out";
    if (!response.ok) return "unreachable";
    const body = (await response.json()) as ({ signedIn: true } & SessionTiming) | { signedIn: false };
    return body.signedIn ? body : "signed-out";
  } catch {
    return "unreachable";
  }
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), [tabindex]:not([tabindex="-1"])';

export function SessionTimeout({ timing }: { timing: SessionTiming | undefined }) {
  const location = useLocation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const returnFocusTo = useRef<HTMLElement | null>(null);
  const deadline = useRef(0);
  const checking = useRef(false);
  const openingAnnouncement = useRef("");
  const [phase, setPhase] = useState<Phase>("closed");
  const [reason, setReason] = useState<SessionEndReason>("idle");
  const [limits, setLimits] = useState({ idleMinutes: 30, maxHours: 12 });
  const [remainingMs, setRemainingMs] = useState(0);
  const [announced, setAnnounced] = useState("");
  const [schedule, setSchedule] = useState(0);

  /**
   * Takes the server's word for how long is left. Only an answer to our own question (`asked`) opens
   * the warning; news from the root loader just sets the timer, which then asks.
   */
  const adopt = useCallback((status: SessionTiming, asked: boolean) => {
    deadline.current = Date.now() + status.endsInMs;
    setReason(status.reason);
    setLimits({ idleMinutes: status.idleMinutes, maxHours: status.maxHours });
    setRemainingMs(status.endsInMs);
    if (status.endsInMs > WARNING_BEFORE_MS) setPhase("waiting");
    else if (asked) setPhase((p) => (p === "acknowledged" ? p : "warning"));
    else setPhase((p) => (p === "acknowledged" || p === "warning" ? p : "waiting"));
    setSchedule((n) => n + 1);
  }, []);

  const check = useCallback(async () => {
    if (checking.current) return;
    checking.current = true;
    try {
      const status = await askServer("/session/status", { method: "GET", cache: "no-store" });
      if (status === "signed-out") setPhase("signed-out");
      else if (status === "unreachable") {
        // Offline: count down on our own; past the end, the server will have ended the session.
        if (Date.now() >= deadline.current) setPhase("signed-out");
        else setPhase((p) => (p === "waiting" ? "warning" : p));
      } else adopt(status, true);
    } finally {
      checking.current = false;
    }
  }, [adopt]);

  // Every time the root loader runs (a page load, or after a form is sent) it says how long is left.
  useEffect(() => {
    if (timing) adopt(timing, false);
    else setPhase((p) => (p === "signed-out" ? p : "closed"));
  }, [timing, adopt]);

  // The timers for the current phase.
  useEffect(() => {
    if (phase === "waiting" || phase === "acknowledged") {
      const at = phase === "waiting" ? deadline.current - WARNING_BEFORE_MS : deadline.current;
      const timer = window.setTimeout(() => void check(), Math.max(0, at - Date.now()));
      const onVisible = () => {
        if (document.visibilityState === "visible" && Date.now() >= at) void check();
      };
      document.addEventListener("visibilitychange", onVisible);
      return () => {
        window.clearTimeout(timer);
        document.removeEventListener("visibilitychange", onVisible);
      };
    }
    if (phase === "warning") {
      let lastCheck = Date.now();
      const tick = () => {
        const left = deadline.current - Date.now();
        setRemainingMs(left);
        const text = announcementText(left);
        if (text !== openingAnnouncement.current) setAnnounced(text);
        if (left <= 0 || Date.now() - lastCheck >= RECHECK_EVERY_MS) {
          lastCheck = Date.now();
          void check();
        }
      };
      const interval = window.setInterval(tick, 1000);
      return () => window.clearInterval(interval);
    }
    return undefined;
  }, [phase, schedule, check]);

  // Open and close the modal dialog, moving focus into it and back.
  const open = phase === "warning" || phase === "signed-out";
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnFocusTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      openingAnnouncement.current = announcementText(deadline.current - Date.now());
      setAnnounced("");
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
      returnFocusTo.current?.focus();
    }
    if (open) headingRef.current?.focus();
  }, [open, phase]);

  async function staySignedIn() {
    // An empty web form: the HTTP edge accepts no other kind of body on a POST.
    const status = await askServer("/session/keep-alive", { method: "POST", body: new URLSearchParams() });
    if (status === "signed-out") setPhase("signed-out");
    else if (status !== "unreachable") adopt(status, true);
  }

  function onCancel(event: SyntheticEvent<HTMLDialogElement>) {
    // Escape means "stay signed in", as in HMRC's pattern; it never just hides the warning.
    event.preventDefault();
    if (phase === "signed-out") setPhase("closed");
    else if (reason === "absolute") setPhase("acknowledged");
    else void staySignedIn();
  }

  function keepFocusInside(event: KeyboardEvent<HTMLDialogElement>) {
    if (event.key !== "Tab" || !dialogRef.current) return;
    const focusable = [...dialogRef.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    if (focusable.length === 0) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    const active = document.activeElement;
    if (event.shiftKey && (active === first || active === headingRef.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  }

  if (phase === "closed" && !timing) return null;
  const signInAgain = `/login?${new URLSearchParams({ redirectTo: `${location.pathname}${location.search}` })}`;
  return (
    <dialog
      ref={dialogRef}
      className="portal-timeout-dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="session-timeout-heading"
      aria-describedby="session-timeout-message"
      onCancel={onCancel}
      onKeyDown={keepFocusInside}
    >
      {phase === "signed-out" ? (
        <>
          <h2 className="govuk-heading-m" id="session-timeout-heading" ref={headingRef} tabIndex={-1}>
            You have been signed out
          </h2>
          <p className="govuk-body" id="session-timeout-message">
            {reason === "absolute"
              ? `We signed you out because you had been signed in for ${limits.maxHours} hours, the longest we allow.`
              : `We signed you out because you had not done anything for ${limits.idleMinutes} minutes.`}
          </p>
          <p className="govuk-body">
            Anything you typed on this page and did not send is still here. Close this message and send the page as usual: we will ask you to sign in again, keep what you typed, then show it to you to check and send.
          </p>
          <div className="govuk-button-group">
            <button type="button" className="govuk-button" data-module="govuk-button" onClick={() => setPhase("closed")}>
              Close this message
            </button>
            <a className="govuk-link" href={signInAgain}>
              Sign in again
            </a>
          </div>
        </>
      ) : (
        <>
          <h2 className="govuk-heading-m" id="session-timeout-heading" ref={headingRef} tabIndex={-1}>
            You will be signed out soon
          </h2>
          <p className="govuk-body" id="session-timeout-message">
            For your security, we will sign you out in <strong>{countdownText(remainingMs)}</strong>.
          </p>
          <p className="govuk-visually-hidden" aria-live="polite" aria-atomic="true">
            {announced}
          </p>
          <p className="govuk-body">
            {reason === "absolute"
              ? `You can stay signed in for at most ${limits.maxHours} hours. Send or save what you are working on now, then sign in again to carry on.`
              : "If you are signed out, anything you have typed but not sent is kept for you to send after signing in again."}
          </p>
          <div className="govuk-button-group">
            {reason === "absolute" ? (
              <button type="button" className="govuk-button" data-module="govuk-button" onClick={() => setPhase("acknowledged")}>
                Continue
              </button>
            ) : (
              <button type="button" className="govuk-button" data-module="govuk-button" onClick={() => void staySignedIn()}>
                Stay signed in
              </button>
            )}
            {/* Signing out is a POST; a GET must never change state. */}
            <form method="post" action="/logout" className="portal-inline-form">
              <button type="submit" className="portal-link-button">
                Sign out
              </button>
            </form>
          </div>
        </>
      )}
    </dialog>
  );
}
