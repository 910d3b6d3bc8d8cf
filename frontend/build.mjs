// Copy the built files of the dashboard's libraries into the Python package.
import { cpSync, mkdirSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "src", "dronewatch", "serve", "web", "vendor");
const files = {
  "leaflet/dist/leaflet.js": "leaflet.js",
  "leaflet/dist/leaflet.css": "leaflet.css",
  "leaflet/dist/images": "images",
  "leaflet.markercluster/dist/leaflet.markercluster.js": "leaflet.markercluster.js",
  "leaflet.markercluster/dist/MarkerCluster.css": "MarkerCluster.css",
  "leaflet.markercluster/dist/MarkerCluster.Default.css": "MarkerCluster.Default.css",
  "chart.js/dist/chart.umd.js": "chart.umd.js",
  "cytoscape/dist/cytoscape.min.js": "cytoscape.min.js",
};
mkdirSync(out, { recursive: true });
for (const [src, dst] of Object.entries(files)) {
  const from = join(here, "node_modules", src);
  if (!existsSync(from)) throw new Error(`missing ${from}: run npm ci first`);
  cpSync(from, join(out, dst), { recursive: true });
}
console.log(`vendor files in ${out}`);
