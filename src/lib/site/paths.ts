// Site-relative URLs that respect the deployment's base path (ATLAS_BASE).
const base = import.meta.env.BASE_URL.replace(/\/$/, "");

export function href(path: string): string {
  return `${base}/${path.replace(/^\//, "")}`;
}
