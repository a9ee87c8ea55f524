// Show Code Map: the panel on its cluster map tab.
import { SearchPanel } from '../panel/searchPanel';
import type { ExtensionServices } from '../services';

export function showMap(s: ExtensionServices): void {
  SearchPanel.createOrShow(s.extensionUri, s.panel, 'map');
}
