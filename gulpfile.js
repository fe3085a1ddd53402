// Copies node and credential icons (SVG/PNG) into dist/ next to the compiled files that
// reference them. `n8n-node build` copies them too; this task keeps the classic starter
// layout working for anyone who runs `gulp build:icons` on its own.
const path = require('path');
const { src, dest, parallel } = require('gulp');

function copyIcons(folder) {
	const task = () =>
		src(path.join(folder, '**', '*.{png,svg}'), { encoding: false }).pipe(
			dest(path.join('dist', folder)),
		);
	task.displayName = `copy ${folder} icons`;
	return task;
}

exports['build:icons'] = parallel(copyIcons('nodes'), copyIcons('credentials'), copyIcons('icons'));
