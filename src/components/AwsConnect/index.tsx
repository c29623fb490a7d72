import { useHistory, useLocation } from '@docusaurus/router';
import useIsBrowser from '@docusaurus/useIsBrowser';
import {
  useEffect,
  useId,
  useMemo,
  useState,
  useSyncExternalStore,
  type FormEvent,
  type ReactNode,
} from 'react';

import { type AttendeeSession, signIn, type SignInResult } from '@site/src/lib/aws/attendeeSession';
import { describeAwsError, type AwsErrorDescription } from '@site/src/lib/aws/errors';
import {
  getServerSession,
  getServerWorkshopConfig,
  getSession,
  getWorkshopConfig,
  setSession,
  setWorkshopConfig,
  signOut,
  subscribeSession,
} from '@site/src/lib/aws/sessionStore';
import {
  parseWorkshopLink,
  type WorkshopConfig,
  type WorkshopLinkError,
} from '@site/src/lib/aws/workshopConfig';

import styles from './styles.module.css';

/** The instructor stack's password policy (infra/lib/attendeeAccess.ts), said plainly. */
const PASSWORD_POLICY =
  'At least 12 characters, with an upper-case letter, a lower-case letter and a digit.';

/** How often the "valid until" line is brought up to date (and the credentials renewed). */
const STATUS_EVERY_MS = 30_000;

type Problem = { tone: 'error'; described: AwsErrorDescription } | { tone: 'info'; text: string };

/**
 * The connect page: reads the workshop link from the address, signs the attendee in and shows
 * for how long their AWS credentials hold. Everything stays in the page's memory.
 */
export default function AwsConnect(): ReactNode {
  const stored = useSyncExternalStore(subscribeSession, getWorkshopConfig, getServerWorkshopConfig);
  const session = useSyncExternalStore(subscribeSession, getSession, getServerSession);
  const location = useLocation();
  const history = useHistory();
  // The server render cannot know the link (it is in the fragment): wait for the browser.
  const isBrowser = useIsBrowser();
  const [signedOutNote, setSignedOutNote] = useState(false);

  // The link's fields are in the address's fragment; the router tells when it changes.
  const fromAddress = useMemo(
    () => (isBrowser && location.hash.length > 1 ? parseWorkshopLink(location.hash) : undefined),
    [isBrowser, location.hash],
  );
  const linkError = fromAddress?.ok === false ? fromAddress.error : undefined;
  const config = fromAddress?.ok ? fromAddress.config : stored;
  useEffect(() => {
    if (fromAddress?.ok) setWorkshopConfig(fromAddress.config);
  }, [fromAddress]);

  /** Puts a link's fields in the address, so a reload keeps the workshop (never the sign-in). */
  const showInAddress = (fields: string) => history.replace({ ...location, hash: fields });

  if (!isBrowser) {
    return (
      <section className={styles.panel} aria-busy="true">
        <p className={styles.note}>Reading the workshop link…</p>
      </section>
    );
  }

  if (!config) {
    return <LinkForm key={location.hash} initialError={linkError} onLink={showInAddress} />;
  }

  return (
    <section className={styles.panel} aria-label="Your workshop on AWS">
      {linkError && <LinkProblems error={linkError} />}
      <WorkshopSummary
        config={config}
        onForget={() => {
          setWorkshopConfig(undefined);
          setSignedOutNote(false);
          showInAddress('');
        }}
      />
      {session ? (
        <SignedIn
          key={session.identityId}
          onSignOut={() => {
            signOut();
            setSignedOutNote(true);
          }}
        />
      ) : (
        <>
          {signedOutNote && (
            <p className={styles.success} role="status">
              Signed out. Nothing of your sign-in was stored in this browser: your password, tokens
              and AWS credentials were held in this page&apos;s memory only, and are now gone.
            </p>
          )}
          <SignInFlow
            config={config}
            onSignedIn={(next) => {
              setSignedOutNote(false);
              setSession(next);
            }}
          />
        </>
      )}
    </section>
  );
}

function LinkForm({
  initialError,
  onLink,
}: {
  initialError: WorkshopLinkError | undefined;
  /** Takes the fields of a valid link; the page reads them from the address. */
  onLink: (fields: string) => void;
}): ReactNode {
  const [link, setLink] = useState('');
  const [error, setError] = useState(initialError);
  const id = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = parseWorkshopLink(link);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(undefined);
    const text = link.trim();
    onLink(text.includes('#') ? text.slice(text.indexOf('#') + 1) : text.replace(/^\?/, ''));
  };

  return (
    <section className={styles.panel} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className={styles.title}>
        Your workshop link
      </h2>
      <p>
        Your instructor gives you a link that ends in <code>/connect#region=…</code>. Open it, or
        paste it here.
      </p>
      {error && <LinkProblems error={error} />}
      <form className={styles.form} onSubmit={submit}>
        <Field label="Workshop link" hint="The whole link, as your instructor sent it.">
          {(props) => (
            <textarea
              {...props}
              rows={3}
              value={link}
              spellCheck={false}
              autoComplete="off"
              onChange={(event) => setLink(event.target.value)}
            />
          )}
        </Field>
        <div className={styles.actions}>
          <button type="submit" className="button button--primary" disabled={link.trim() === ''}>
            Use this link
          </button>
        </div>
      </form>
    </section>
  );
}

function LinkProblems({ error }: { error: WorkshopLinkError }): ReactNode {
  return (
    <div className={styles.error} role="alert">
      <p className={styles.errorTitle}>This workshop link cannot be used.</p>
      <ul>
        {error.missing.length > 0 && <li>Missing: {error.missing.join(', ')}.</li>}
        {error.invalid.map(({ field, value, expected }) => (
          <li key={field}>
            <code>{field}</code> is <code>{value}</code>, but should be {expected}.
          </li>
        ))}
      </ul>
      <p>Copy the whole link from your instructor again.</p>
    </div>
  );
}

function WorkshopSummary({
  config,
  onForget,
}: {
  config: WorkshopConfig;
  onForget: () => void;
}): ReactNode {
  return (
    <>
      <h2 className={styles.title}>Your workshop</h2>
      <dl className={styles.facts}>
        <dt>Region</dt>
        <dd>
          <code>{config.region}</code>
        </dd>
        <dt>Bucket</dt>
        <dd>
          <code>{config.bucket}</code>
        </dd>
        <dt>Shared cluster</dt>
        <dd>{config.sharedClusterId ? <code>{config.sharedClusterId}</code> : 'none'}</dd>
        {config.endpoint && (
          <>
            <dt>AWS stand-in</dt>
            <dd>
              <code>{config.endpoint}</code> (a local test server, not AWS)
            </dd>
          </>
        )}
      </dl>
      <div className={styles.actions}>
        <button type="button" className="button button--sm button--secondary" onClick={onForget}>
          Use another workshop link
        </button>
      </div>
    </>
  );
}

type Pending = Extract<SignInResult, { kind: 'new-password-required' }>;

function SignInFlow({
  config,
  onSignedIn,
}: {
  config: WorkshopConfig;
  onSignedIn: (session: AttendeeSession) => void;
}): ReactNode {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [pending, setPending] = useState<Pending>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const id = useId();

  const run = async (step: () => Promise<void>) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await step();
    } catch (error) {
      setProblem({ tone: 'error', described: describeAwsError(error) });
    } finally {
      setBusy(false);
    }
  };

  const finish = (session: AttendeeSession) => {
    // Nothing secret stays in the form once signed in.
    setPassword('');
    setNewPassword('');
    setRepeat('');
    setPending(undefined);
    onSignedIn(session);
  };

  const submitSignIn = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const result = await signIn(config, username.trim(), password);
      setPassword('');
      if (result.kind === 'signed-in') finish(result.session);
      else setPending(result);
    });
  };

  const submitNewPassword = (event: FormEvent) => {
    event.preventDefault();
    if (!pending) return;
    if (newPassword !== repeat) {
      setProblem({
        tone: 'info',
        text: 'The two new passwords are not the same. Type them again.',
      });
      return;
    }
    void run(async () => finish(await pending.complete(newPassword)));
  };

  const problemView = problem && (
    <div className={problem.tone === 'error' ? styles.error : styles.info} role="alert">
      {problem.tone === 'error' ? (
        <>
          <p className={styles.errorTitle}>{problem.described.title}.</p>
          <p>{problem.described.whatToDo}</p>
        </>
      ) : (
        <p>{problem.text}</p>
      )}
    </div>
  );

  if (pending) {
    return (
      <form
        className={styles.form}
        onSubmit={submitNewPassword}
        aria-labelledby={`${id}-new`}
        aria-busy={busy}
      >
        <h3 id={`${id}-new`} className={styles.subtitle}>
          Choose your own password
        </h3>
        <p>
          The password from your instructor was temporary. Choose one only you know; you will sign
          in with it from now on.
        </p>
        {/* Lets password managers file the new password under the right username. */}
        <input
          type="text"
          className={styles.visuallyHidden}
          autoComplete="username"
          value={username.trim()}
          readOnly
          tabIndex={-1}
          aria-hidden="true"
        />
        <Field label="New password" hint={PASSWORD_POLICY}>
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="new-password"
              required
              minLength={12}
              value={newPassword}
              // The form appears right after the attendee's own action: continue there.
              autoFocus
              onChange={(event) => setNewPassword(event.target.value)}
            />
          )}
        </Field>
        <Field label="Repeat the new password">
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="new-password"
              required
              value={repeat}
              onChange={(event) => setRepeat(event.target.value)}
            />
          )}
        </Field>
        {problemView}
        <div className={styles.actions}>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save and sign in'}
          </button>
          <button
            type="button"
            className="button button--secondary"
            disabled={busy}
            onClick={() => {
              setPending(undefined);
              setNewPassword('');
              setRepeat('');
              setProblem(undefined);
            }}
          >
            Cancel
          </button>
        </div>
      </form>
    );
  }

  return (
    <form
      className={styles.form}
      onSubmit={submitSignIn}
      aria-labelledby={`${id}-signin`}
      aria-busy={busy}
    >
      <h3 id={`${id}-signin`} className={styles.subtitle}>
        Sign in
      </h3>
      <Field label="Username">
        {(props) => (
          <input
            {...props}
            type="text"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
        )}
      </Field>
      <Field label="Password" hint="The first time, the temporary password from your instructor.">
        {(props) => (
          <input
            {...props}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        )}
      </Field>
      {problemView}
      <div className={styles.actions}>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </div>
    </form>
  );
}

function SignedIn({ onSignOut }: { onSignOut: () => void }): ReactNode {
  const session = useSyncExternalStore(subscribeSession, getSession, getServerSession);
  const [validUntil, setValidUntil] = useState(() => session?.expiresAt());
  const [problem, setProblem] = useState<AwsErrorDescription>();

  useEffect(() => {
    if (!session) return undefined;
    let stopped = false;
    // Asking for the credentials renews them when they near their end, so the line stays true.
    const update = () => {
      session
        .credentials()
        .then(() => {
          if (stopped) return;
          setValidUntil(session.expiresAt());
          setProblem(undefined);
        })
        .catch((error: unknown) => {
          if (!stopped) setProblem(describeAwsError(error));
        });
    };
    update();
    const timer = window.setInterval(update, STATUS_EVERY_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [session]);

  if (!session) return null;
  return (
    <div className={styles.signedIn}>
      <p className={styles.success} role="status">
        Signed in as <strong>{session.username}</strong> (identity <code>{session.identityId}</code>
        ), credentials valid until{' '}
        {validUntil ? (
          <time dateTime={validUntil.toISOString()}>{formatTime(validUntil)}</time>
        ) : (
          '…'
        )}
        . They renew by themselves while this page is open.
      </p>
      {problem && (
        <div className={styles.error} role="alert">
          <p className={styles.errorTitle}>{problem.title}.</p>
          <p>{problem.whatToDo}</p>
        </div>
      )}
      <div className={styles.actions}>
        <button type="button" className="button button--secondary" onClick={onSignOut}>
          Sign out
        </button>
      </div>
    </div>
  );
}

const formatTime = (date: Date): string =>
  date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

type FieldControlProps = {
  id: string;
  className: string | undefined;
  'aria-describedby'?: string;
};

/** A labelled field with an optional hint the control is described by. */
function Field({
  label,
  hint,
  children,
}: {
  label: string;
  hint?: string;
  children: (props: FieldControlProps) => ReactNode;
}): ReactNode {
  const id = useId();
  return (
    <div className={styles.field}>
      <label htmlFor={id} className={styles.label}>
        {label}
      </label>
      {hint && (
        <span id={`${id}-hint`} className={styles.hint}>
          {hint}
        </span>
      )}
      {children({
        id,
        className: styles.input,
        ...(hint ? { 'aria-describedby': `${id}-hint` } : {}),
      })}
    </div>
  );
}
