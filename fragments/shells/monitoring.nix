# nix-mox fragment: the monitoring development shell (nix develop .#monitoring): querying metrics and logs.
# Same tools as src/catalog/shells.ts lists.
{ pkgs, ... }:

pkgs.mkShell {
  name = "nix-mox-monitoring";
  packages = [
    pkgs.grafana-alloy
    pkgs.grafana-loki
    pkgs.prometheus
    pkgs.prometheus-node-exporter
  ];
}
