// n8n loads this package through the "n8n" section of package.json (dist/ paths);
// this entry point exists only so that `require('n8n-nodes-tavus')` resolves.
module.exports = {};
