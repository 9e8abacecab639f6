# nix-mox fragment: programs configured through their NixOS modules rather than bare packages.
{ ... }:

{
  programs.git.enable = true;
  programs.neovim = {
    enable = true;
    defaultEditor = true;
  };
  programs.tmux.enable = true;
}
