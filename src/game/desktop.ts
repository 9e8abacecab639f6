// A .desktop entry for the launcher (freedesktop Desktop Entry Specification 1.5).

/** Escapes for a `string`/`localestring` value: backslash, newline, tab, carriage return. */
export function desktopString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r');
}

const reserved = /[\s"'\\><~|&;$*?#()`]/;

/**
 * One Exec argument: quoted with double quotes when it holds a reserved character, with ", `, $ and \ escaped
 * by a backslash; a literal % doubled. The string escape (\\ for \) applies on top, as the spec says it is
 * undone first when the file is read.
 */
export function execArg(arg: string): string {
  const quoted = reserved.test(arg) ? `"${arg.replace(/(["`$\\])/g, '\\$1')}"` : arg;
  return quoted.replace(/%/g, '%%').replace(/\\/g, '\\\\');
}

export function desktopEntry(opts: { name: string; launcher: string; prefix: string }): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.5',
    `Name=${desktopString(opts.name)}`,
    `Comment=${desktopString(`Windows game in the Wine prefix ${opts.prefix} (set up by nix-mox)`)}`,
    `Exec=${execArg(opts.launcher)}`,
    'Icon=applications-games',
    'Terminal=false',
    'Categories=Game;',
    '',
  ].join('\n');
}
