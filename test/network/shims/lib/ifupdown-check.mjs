// The part of ifupdown2's interfaces parser the ifreload/ifup shims need (networkinterfaces.py): stanzas,
// continuation lines, source/source-directory globs, address families and methods, and attribute names.
// Messages are ifupdown2's: "error: <file>: line<N>: <msg>" on stderr (log.py formats "%(levelname)s: %(message)s").
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

const METHODS = ['static', 'manual', 'loopback', 'dhcp', 'dhcp6', 'ppp', 'tunnel', 'auto'];
const FAMILIES = ['inet', 'inet6'];
const KEYWORDS = /^(auto|allow-\S+|iface|mapping|source|source-directory|vlan|template)$/;

// Attribute names the addon modules on a Proxmox host register (after ifupdown2 turns '_' into '-').
const ATTRS = new Set(
  `address netmask broadcast gateway scope preferred-lifetime pointopoint hwaddress mtu alias metric
  bridge-ports bridge-stp bridge-fd bridge-vlan-aware bridge-vids bridge-pvid bridge-maxwait bridge-waitport
  bridge-ageing bridge-hello bridge-maxage bridge-mcsnoop bridge-bridgeprio bridge-portprios bridge-pathcosts
  bridge-access bridge-learning bridge-arp-nd-suppress bridge-mcquerier bridge-mcrouter bridge-hashmax
  bridge-disable-mac-learning bond-slaves bond-miimon bond-mode bond-xmit-hash-policy bond-primary
  bond-lacp-rate bond-updelay bond-downdelay bond-min-links bond-use-carrier bond-ad-sys-priority
  up down pre-up pre-down post-up post-down dns-nameservers dns-search dns-domain accept-ra autoconf
  privext ovs-type ovs-ports ovs-bridge ovs-options ovs-mtu ovs-bonds ovs-tag vlan-raw-device vlan-id
  vlan-protocol vrf vrf-table link-type link-speed link-duplex link-autoneg link-down hostname
  wpa-ssid wpa-psk wpa-conf`.split(/\s+/),
);

/** Maps an absolute path from inside a file onto the test root (the shim's idea of "/"). */
const onRoot = (root, path) => (root && path.startsWith('/') ? join(root, path) : path);

const magic = (s) => /[*?[]/.test(s);

function segmentRegex(seg) {
  let re = '';
  for (const c of seg)
    re += c === '*' ? '[^/]*' : c === '?' ? '[^/]' : c.replace(/[.+^${}()|\\[\]]/g, '\\$&');
  return new RegExp(`^${seg.startsWith('.') ? '' : '(?!\\.)'}${re}$`);
}

/** Python glob for patterns with wildcards in the last segment only (all that the tests need). */
function glob(pattern) {
  if (!magic(pattern)) return existsSync(pattern) ? [pattern] : [];
  const dir = dirname(pattern);
  const re = segmentRegex(pattern.slice(dir.length + 1));
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => re.test(n))
    .map((n) => join(dir, n));
}

/**
 * Parses `file` and everything it sources. Returns the files read (display path -> content) and the
 * error/warning lines ifupdown2 would log.
 * @param {string} file the path to open (already on the test root)
 * @param {string} root the test root that absolute paths inside the files are mapped onto ('' for none)
 */
export function checkInterfaces(file, root) {
  const errors = [];
  const warnings = [];
  /** @type {Record<string, string>} */
  const files = {};
  const read = (path, shown) => {
    let text;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      errors.push(`${shown}: ${e.code === 'ENOENT' ? 'No such file or directory' : e.message}`);
      return;
    }
    files[shown] = text;
    parse(text, shown);
  };
  const parse = (text, shown) => {
    const lines = text.split('\n');
    let iface = null;
    for (let i = 0; i < lines.length; i++) {
      const lineno = i + 1;
      let line = lines[i];
      while (line.endsWith('\\') && i + 1 < lines.length) line = line.slice(0, -1) + lines[++i];
      const l = line.trim();
      if (l === '' || l.startsWith('#')) continue;
      const words = l.split(/\s+/);
      const head = words[0];
      if (!KEYWORDS.test(head)) {
        if (!iface) {
          errors.push(`${shown}: line${lineno}: invalid keyword ${head}`);
        } else if (words.length < 2) {
          errors.push(`${shown}: line${lineno}: iface ${iface}: invalid syntax '${l}'`);
        } else if (!ATTRS.has(head.replace(/_/g, '-'))) {
          errors.push(`${shown}: line${lineno}: iface ${iface}: unsupported keyword (${head})`);
        }
        continue;
      }
      iface = null;
      if (head === 'iface') {
        const [, name, family, method] = words;
        if (!name) {
          errors.push(`${shown}: line${lineno}: invalid iface line '${l}'`);
          continue;
        }
        iface = name;
        if (family && !FAMILIES.includes(family)) {
          errors.push(`${shown}: line${lineno}: iface ${name}: unsupported address family '${family}'`);
        } else if (method && !METHODS.includes(method)) {
          errors.push(`${shown}: line${lineno}: iface ${name}: unsupported address method '${method}'`);
        }
      } else if (head === 'auto' || head.startsWith('allow-')) {
        if (words.length < 2) errors.push(`${shown}: line${lineno}: invalid auto line '${l}'`);
      } else if (head === 'source' || head === 'source-directory') {
        const pattern = words[1];
        if (!pattern) {
          errors.push(`${shown}: line${lineno}: unable to read ${head} line`);
          continue;
        }
        const abs = pattern.startsWith('/') ? pattern : join(dirname(shown), pattern);
        if (head === 'source') {
          const found = glob(onRoot(root, abs)).sort();
          if (found.length === 0 && !magic(abs))
            warnings.push(`${shown}: line${lineno}: cannot find source file ${abs}`);
          for (const f of found) read(f, root ? f.slice(root.length) : f);
        } else {
          for (const dir of glob(onRoot(root, abs))) {
            if (!statSync(dir).isDirectory()) continue;
            for (const n of readdirSync(dir)
              .filter((x) => /^[a-zA-Z0-9_-]+$/.test(x))
              .sort()) {
              const f = join(dir, n);
              read(f, root ? f.slice(root.length) : f);
            }
          }
        }
      }
    }
  };
  const shownMain = root && file.startsWith(root) ? file.slice(root.length) : file;
  read(file, shownMain);
  return { files, errors, warnings };
}

/** The messages as ifupdown2 prints them. */
export function formatMessages({ errors, warnings }) {
  return [...warnings.map((w) => `warning: ${w}\n`), ...errors.map((e) => `error: ${e}\n`)].join('');
}
