# shellcheck shell=bash
# Shared by nix-mox's maintenance scripts: messages, the progress protocol, dry-run, exit codes,
# and the snapshot naming and pruning rules (zfs-snapshot and nixos-flake-update both take snapshots).
#
# Progress protocol (read by nix-mox's live panes when stdout is not a terminal):
#   ::step <label>                 what is happening now
#   ::progress DONE/TOTAL <label>  a bar; TOTAL is ? when unknown
# On a terminal the same information prints for a person instead (==> label, [2/4] label).

# Exit codes shared by all scripts (each script uses the ones it needs).
# shellcheck disable=SC2034
readonly NM_EXIT_OK=0 NM_EXIT_FAILED=1 NM_EXIT_USAGE=2 NM_EXIT_PRECONDITION=3

NM_DRY_RUN=0
NM_PROG=${0##*/}

nm_is_tty() { [[ -t 1 ]]; }

nm_step() {
  if nm_is_tty; then printf '==> %s\n' "$*"; else printf '::step %s\n' "$*"; fi
}

# nm_progress DONE TOTAL LABEL...
nm_progress() {
  local done=$1 total=$2
  shift 2
  if nm_is_tty; then printf '[%s/%s] %s\n' "$done" "$total" "$*"; else printf '::progress %s/%s %s\n' "$done" "$total" "$*"; fi
}

nm_info() { printf '%s\n' "$*"; }
nm_warn() { printf '%s: warning: %s\n' "$NM_PROG" "$*" >&2; }
nm_error() { printf '%s: %s\n' "$NM_PROG" "$*" >&2; }

# nm_die CODE MESSAGE...
nm_die() {
  local code=$1
  shift
  nm_error "$*"
  exit "$code"
}

nm_usage_error() {
  nm_error "$*"
  printf "Try '%s --help'.\n" "$NM_PROG" >&2
  exit "$NM_EXIT_USAGE"
}

# Quotes argv for display the way a person would type it: plain words as they are, others in single quotes.
nm_quote() {
  local out='' arg
  for arg in "$@"; do
    if [[ $arg =~ ^[][A-Za-z0-9_@%+=:,./-]+$ ]]; then
      out+="$arg "
    else
      out+="'${arg//\'/\'\\\'\'}' "
    fi
  done
  printf '%s' "${out% }"
}

# Runs a command that changes something; in dry-run mode only says what would run.
nm_run() {
  if [[ $NM_DRY_RUN == 1 ]]; then
    printf 'would run: %s\n' "$(nm_quote "$@")"
    return 0
  fi
  printf '$ %s\n' "$(nm_quote "$@")"
  "$@"
}

# The current UTC time as used in snapshot names; NIX_MOX_NOW (seconds since the epoch) fixes it for
# reproducible runs.
nm_now_epoch() {
  if [[ -n ${NIX_MOX_NOW:-} ]]; then printf '%s\n' "$NIX_MOX_NOW"; else date -u +%s; fi
}

nm_utc_stamp() { date -u -d "@$1" +%Y-%m-%dT%H:%M; }

# ZFS dataset (or pool) name: starts with a letter; letters, digits, _ - . : and / between components.
nm_valid_dataset() {
  [[ $1 =~ ^[A-Za-z][A-Za-z0-9_.:-]*(/[A-Za-z0-9_.:-]+)*$ ]]
}

# Snapshot labels have no underscore, so <prefix>_<label>_<stamp> splits one way only.
nm_valid_label() {
  [[ $1 =~ ^[a-z0-9][a-z0-9-]{0,31}$ ]]
}

nm_valid_count() {
  [[ $1 =~ ^[0-9]+$ ]] && ((10#$1 <= 100000))
}

readonly NM_SNAP_PREFIX=nix-mox

# nm_snapshot_name DATASET LABEL EPOCH
nm_snapshot_name() {
  printf '%s@%s_%s_%s\n' "$1" "$NM_SNAP_PREFIX" "$2" "$(nm_utc_stamp "$3")"
}

# nm_list_snapshots DATASET: "name<TAB>creation" lines of the dataset's own snapshots, oldest first.
nm_list_snapshots() {
  zfs list -H -p -t snapshot -o name,creation -s creation -d 1 "$1"
}

# nm_prune_candidates DATASET LABEL KEEP < "name<TAB>creation" lines
# Prints the snapshots to destroy: only names that are exactly DATASET@nix-mox_LABEL_<yyyy-mm-ddThh:mm>,
# ordered by creation time then name; the newest KEEP are left out. Anything else (other tools' snapshots,
# other labels, odd names, other datasets) is never printed.
nm_prune_candidates() {
  local dataset=$1 label=$2 keep=$3
  awk -F '\t' -v prefix="${dataset}@${NM_SNAP_PREFIX}_${label}_" '
    NF == 2 && substr($1, 1, length(prefix)) == prefix {
      stamp = substr($1, length(prefix) + 1)
      if (stamp ~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]$/ && $2 ~ /^[0-9]+$/)
        print $2 "\t" $1
    }' |
    LC_ALL=C sort -t "$(printf '\t')" -k1,1n -k2,2 |
    cut -f 2 |
    head -n "-$keep"
}

# nm_prune DATASET LABEL KEEP LISTING: shows what it will destroy, then destroys it (dry-run: only shows).
# LISTING is the "name<TAB>creation" text. Returns 1 when a destroy failed.
nm_prune() {
  local dataset=$1 label=$2 keep=$3 listing=$4 snap rc=0
  local -a doomed=()
  mapfile -t doomed < <(printf '%s\n' "$listing" | nm_prune_candidates "$dataset" "$label" "$keep")
  if ((${#doomed[@]} == 0)); then
    nm_info "nothing to prune: ${dataset} has at most ${keep} '${label}' snapshot(s) of nix-mox"
    return 0
  fi
  if [[ $NM_DRY_RUN == 1 ]]; then
    nm_info "would destroy ${#doomed[@]} snapshot(s) of ${dataset} labelled '${label}' (keeping the newest ${keep}):"
  else
    nm_info "will destroy ${#doomed[@]} snapshot(s) of ${dataset} labelled '${label}' (keeping the newest ${keep}):"
  fi
  for snap in "${doomed[@]}"; do nm_info "  ${snap}"; done
  for snap in "${doomed[@]}"; do
    nm_run zfs destroy -r "$snap" || {
      nm_error "could not destroy ${snap}"
      rc=1
    }
  done
  return "$rc"
}

# --- install manifest (install / uninstall) ---------------------------------------------------------------
# One line per thing install put on the host, paths as on the target system (without --root):
#   file <sha256> <path>     a file it wrote
#   dir <path>               a directory it created
#   unit <name>              a systemd unit it enabled
readonly NM_MANIFEST=/var/lib/nix-mox/install-manifest
readonly NM_MANIFEST_HEADER='# nix-mox install manifest v1'

# nm_under ROOT PATH: PATH as seen from here when the target system is mounted at ROOT.
nm_under() {
  if [[ $1 == / ]]; then printf '%s\n' "$2"; else printf '%s%s\n' "${1%/}" "$2"; fi
}

nm_sha256() { sha256sum -- "$1" | cut -d ' ' -f 1; }
