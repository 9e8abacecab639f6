# nix-mox fragment: nginx with the recommended settings, HTTP and HTTPS open in the firewall.
# Virtual hosts are yours to add (services.nginx.virtualHosts) in the host file or another module.
{ ... }:

{
  services.nginx = {
    enable = true;
    recommendedGzipSettings = true;
    recommendedOptimisation = true;
    recommendedProxySettings = true;
    recommendedTlsSettings = true;
  };
  networking.firewall.allowedTCPPorts = [
    80
    443
  ];
}
