// Gateway management-API commands (Akana, Apigee; Node only): asking the operator on the terminal, a secret without echo; questions on stderr so stdout stays the report.
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

/** Asks the operator; only used when stdin is a terminal. */
export interface Prompter {
  line(question: string): Promise<string>;
  /** Reads without echoing what is typed. */
  secret(question: string): Promise<string>;
}

/** What a command that logs in to a gateway gets from its caller (tests pass their own). */
export interface CredentialedIo {
  out?: (line: string) => void;
  err?: (line: string) => void;
  /** Where the credential variables are read (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Whether someone can be asked (default: stdin is a terminal). */
  interactive?: boolean;
  /** How they are asked (default: the terminal). */
  prompter?: Prompter;
}

function ask(question: string, echo: boolean): Promise<string> {
  // While reading a secret, readline echoes into a sink instead of the terminal, so the question is written here.
  if (!echo) process.stderr.write(question);
  const output = echo ? process.stderr : new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve, reject) => {
    let answered = false;
    rl.on('SIGINT', () => {
      rl.close();
    });
    rl.on('close', () => {
      if (!echo) process.stderr.write('\n');
      if (!answered) reject(new Error('cancelled at the prompt'));
    });
    rl.question(echo ? question : '', (answer) => {
      answered = true;
      rl.close();
      resolve(answer);
    });
  });
}

/** Prompts on the terminal (stdin, questions on stderr so stdout stays the report). */
export const terminalPrompter: Prompter = {
  line: (question) => ask(question, true),
  secret: (question) => ask(question, false)
};
