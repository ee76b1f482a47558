// Gateway management-API commands (Akana, Apigee; Node only): refuses flags that would put a secret in argv (shell history, `ps`), naming the variable to use instead.

/** Flag name (lower case, without dashes) -> the environment variable that carries that secret instead. */
export type SecretFlags = Record<string, string>;

/** The refusal for the first secret-carrying flag in argv, or undefined. Never repeats the value. */
export function refuseSecretFlags(argv: string[], flags: SecretFlags): string | undefined {
  for (const arg of argv) {
    if (arg === '--') return undefined;
    const match = /^--?([a-z-]+)(=|$)/i.exec(arg);
    const variable = match ? flags[match[1].toLowerCase()] : undefined;
    if (variable !== undefined) {
      return (
        `--${match![1]} is not accepted: a secret on the command line ends up in shell history and process lists. ` +
        `Set ${variable} in the environment instead (e.g. read -rs ${variable} && export ${variable}), or run in a terminal to be asked for it.`
      );
    }
  }
  return undefined;
}
