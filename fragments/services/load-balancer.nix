# nix-mox fragment: HAProxy with its statistics page on 127.0.0.1:8404. Add frontends and backends for your
# services to services.haproxy.config in the host file.
{ ... }:

{
  services.haproxy = {
    enable = true;
    config = ''
      global
        log /dev/log local0
        maxconn 4096

      defaults
        mode http
        log global
        option httplog
        timeout connect 5s
        timeout client 30s
        timeout server 30s

      frontend stats
        bind 127.0.0.1:8404
        stats enable
        stats uri /
        stats refresh 10s
    '';
  };
}
